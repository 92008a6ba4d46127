// The store contents most unit tests start from: one Thursday webinar and a few people.
#pragma once

#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"

#include <initializer_list>
#include <optional>
#include <vector>

// Adds the webinar of Thursday 3 March 2022, 09:00 WIB (code 2022-03-03), 180 minutes, 3 JP, with this capacity.
inline asnbelajar::Session add_webinar(asnbelajar::store::Store& store, std::optional<int> capacity) {
    asnbelajar::Session base;
    base.title = "Webinar";
    base.start = 1646272800;
    base.minutes = 180;
    base.jp_tenths = 30;
    base.capacity = capacity;
    return asnbelajar::add_sessions(store, base, "", {}).front();
}

// Inserts one participant per NIP, named by the NIP, in this order; returns them with their ids.
inline std::vector<asnbelajar::Participant> add_people(asnbelajar::store::Store& store,
                                                       std::initializer_list<const char*> nips) {
    std::vector<asnbelajar::Participant> people;
    for (const char* nip : nips) {
        asnbelajar::Participant p;
        p.nip = nip;
        p.name = nip;
        p.id = store.insert_participant(p);
        people.push_back(p);
    }
    return people;
}
