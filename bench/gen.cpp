// Deterministic benchmark data for asnbelajar: the same arguments always give byte-identical files.
//
//   gen roster N [-o FILE] [--excel]
//       A roster of N people: valid, distinct 18-digit NIPs (about 5 % NI PPPK), Indonesian names with academic
//       titles, e-mails, mobile numbers, agencies across provinces, kabupaten and kota, units, positions and
//       golongan in the spellings people write, in a scrambled order (rosters are sorted by name or agency, not
//       by NIP). --excel writes it as Excel does in an Indonesian locale (BOM, semicolons, CRLF).
//   gen zoom --people N (--rows R | --attendees A) [--session K] [--date YYYY-MM-DD] [--minutes M]
//            [-o FILE] [--enroll FILE]
//       A Zoom webinar "Attendee Report" of one session (09:00 WIB on --date, default 2024-03-07), for people drawn
//       from the roster `gen roster N` writes (session K draws its own sample): one row per join, 60 % join once,
//       30 % rejoin after a break, 10 % also join on a second, overlapping device; 5 % registered no-shows
//       (Attended = No), 3 % people not on the roster, 2 % of the rows with the e-mail in upper case, the NIP
//       question left empty on a tenth of the people. Stops after R rows, or after A people. --enroll FILE also
//       writes the registrations of the session (NIP and name; `enroll SESSION --file`): 90 % of the roster
//       people who attended, and every no-show on the roster.
//   gen check-nips FILE
//       Checks that the first column of a roster holds valid NIPs (asnbelajar::check_nip), all distinct.
//
// Person i (0, 1, 2, ...) is the same person in every file: its NIP, name and e-mail depend on i alone.
#include "asnbelajar/nip.hpp"
#include "asnbelajar/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

using namespace asnbelajar;

namespace {

std::uint64_t mix(std::uint64_t x) { // splitmix64's finaliser: a good hash of an index
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

struct Random {
    std::uint64_t state;
    explicit Random(std::uint64_t seed) : state(mix(seed)) {}
    std::uint64_t next() { return state = mix(state); }
    int between(int lo, int hi) {
        return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }
};

template <std::size_t N> const char* pick(const std::array<const char*, N>& a, std::uint64_t h) {
    return a[h % N];
}

constexpr std::array first_names{
    "Siti",    "Budi",      "Ahmad",  "Dewi",     "Eko",    "Sri",      "Agus",  "Rina",    "Hendra",
    "Lestari", "Imam",      "Ayu",    "Teguh",    "Dian",   "Rudi",     "Wahyu", "Nur",     "Fajar",
    "Putri",   "Bambang",   "Retno",  "Yuli",     "Slamet", "Endang",   "Joko",  "Kartika", "Arif",
    "Ratna",   "Heru",      "Indah",  "Mochamad", "Nanik",  "Suparman", "Wiwik", "Yohanes", "Made",
    "Ketut",   "Nyoman",    "Fitri",  "Rizky",    "Anisa",  "Bayu",     "Citra", "Dimas",   "Erna",
    "Galih",   "Hartini",   "Ilham",  "Jamilah",  "Kurnia", "Lukman",   "Maria", "Novi",    "Oktavia",
    "Priyo",   "Qomariyah", "Rahmat", "Sutrisno", "Tri",    "Umi"};
constexpr std::array last_names{
    "Rahayu",      "Santoso",    "Hidayat",  "Lestari",     "Prasetyo", "Wibowo",     "Kurniawan", "Gunawan",
    "Wijaya",      "Firmansyah", "Saputra",  "Hakim",       "Setiawan", "Susanti",    "Anggraini", "Purnomo",
    "Nugroho",     "Handayani",  "Sulistyo", "Hartono",     "Susilo",   "Wulandari",  "Ramadhan",  "Pratama",
    "Suryani",     "Maulana",    "Kusuma",   "Utomo",       "Yulianti", "Sihombing",  "Siregar",   "Nasution",
    "Pangaribuan", "Wahyuni",    "Effendi",  "Syahputra",   "Rachman",  "Fauzi",      "Habibi",    "Iskandar",
    "Manurung",    "Tanjung",    "Harahap",  "Simanjuntak", "Pohan",    "Zulkarnain", "Mahendra",  "Permana"};
// Titles after the name (", S.Pd.") or before it ("Dr. ", "H. "); most people have one.
constexpr std::array suffixes{"",
                              "",
                              ", S.Pd.",
                              ", S.E.",
                              ", M.M.",
                              ", S.Kom.",
                              ", A.Md.",
                              ", S.H.",
                              ", S.T., M.T.",
                              ", S.Sos.",
                              ", S.Pd., M.Pd.",
                              ", S.Kep., Ners",
                              ", S.E., M.Si.",
                              ", S.AP.",
                              ", A.Md.Kep.",
                              ", S.Farm., Apt.",
                              ", S.IP., M.AP.",
                              ", S.Si."};
constexpr std::array prefixes{"", "", "", "", "", "", "", "", "Dr. ", "H. ", "Hj. ", "Ir. ", "drg. ", "dr. "};
constexpr std::array domains{"gmail.com", "gmail.com",       "gmail.com",      "yahoo.co.id",
                             "yahoo.com", "jatimprov.go.id", "kemenkeu.go.id", "outlook.com"};

// Agencies: East Java's province, kabupaten and kota weigh most (the programme is BPSDM Jawa Timur's), then the
// rest of Indonesia and central ministries, as the webinar is open to ASN everywhere.
constexpr std::array jatim_kab{
    "Sidoarjo", "Gresik",   "Jember",    "Banyuwangi", "Lamongan",    "Tuban",     "Bojonegoro", "Ngawi",
    "Magetan",  "Ponorogo", "Pacitan",   "Trenggalek", "Tulungagung", "Lumajang",  "Situbondo",  "Bondowoso",
    "Jombang",  "Nganjuk",  "Sampang",   "Pamekasan",  "Sumenep",     "Bangkalan", "Malang",     "Kediri",
    "Blitar",   "Madiun",   "Mojokerto", "Pasuruan",   "Probolinggo"};
constexpr std::array jatim_kota{"Surabaya",  "Malang",   "Kediri",      "Blitar", "Madiun",
                                "Mojokerto", "Pasuruan", "Probolinggo", "Batu"};
constexpr std::array other_kab{
    "Bogor",  "Bandung",  "Garut",        "Banyumas",     "Cilacap", "Klaten",         "Sleman",
    "Bantul", "Gianyar",  "Lombok Timur", "Deli Serdang", "Kampar",  "Banjar",         "Kutai Kartanegara",
    "Gowa",   "Minahasa", "Jayapura",     "Kupang",       "Pidie",   "Lampung Selatan"};
constexpr std::array other_kota{"Semarang", "Bandung",   "Yogyakarta", "Denpasar",   "Makassar",
                                "Medan",    "Palembang", "Pontianak",  "Balikpapan", "Manado",
                                "Ambon",    "Mataram",   "Padang",     "Pekanbaru"};
constexpr std::array provinces{
    "Jawa Timur",          "Jawa Tengah",    "Jawa Barat",       "DI Yogyakarta",    "Bali",
    "Nusa Tenggara Barat", "Sumatera Utara", "Sulawesi Selatan", "Kalimantan Timur", "Papua"};
constexpr std::array central{"Kementerian Dalam Negeri",
                             "Kementerian Keuangan",
                             "Badan Kepegawaian Negara",
                             "Lembaga Administrasi Negara",
                             "Kementerian Agama",
                             "Kementerian Kesehatan",
                             "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
                             "Badan Pusat Statistik"};
constexpr std::array units{"Dinas Pendidikan",
                           "Dinas Kesehatan",
                           "Inspektorat",
                           "Bappeda",
                           "Badan Kepegawaian Daerah",
                           "Dinas Komunikasi dan Informatika",
                           "Dinas Kependudukan dan Pencatatan Sipil",
                           "Sekretariat Daerah, Bagian Umum",
                           "RSUD Dr. Soetomo",
                           "Badan Pendapatan Daerah",
                           "Dinas Pekerjaan Umum dan Penataan Ruang",
                           "Kecamatan Waru",
                           "Puskesmas Candi",
                           "SMP Negeri 1",
                           "SD Negeri 2 Kepanjen",
                           "Badan Penanggulangan Bencana Daerah",
                           "Satuan Polisi Pamong Praja",
                           "Dinas Sosial"};
constexpr std::array positions{"Guru Ahli Muda",
                               "Guru Ahli Pertama",
                               "Perawat Terampil",
                               "Perawat Ahli Pertama",
                               "Analis Kepegawaian Ahli Pertama",
                               "Pranata Komputer Ahli Muda",
                               "Kepala Seksi",
                               "Kepala Sub Bagian Umum",
                               "Auditor Ahli Madya",
                               "Pelaksana",
                               "Penyuluh Ahli Pertama",
                               "Bidan Terampil",
                               "Dokter Ahli Muda",
                               "Analis Kebijakan Ahli Muda",
                               "Camat",
                               "Kepala Bidang",
                               "Arsiparis Terampil",
                               "Pengelola Keuangan"};
// Golongan as people write them: canonical, upper-case letter, no slash, with the pangkat.
constexpr std::array grades{"III/a",
                            "IIIa",
                            "III/B",
                            "Penata Muda Tingkat I (III/b)",
                            "Penata (III/c)",
                            "III/d",
                            "IV/a",
                            "Pembina (IV/a)",
                            "IVb",
                            "II/c",
                            "Pengatur Tingkat I (II/d)",
                            "",
                            "III/c",
                            "Penata Tk. I, III/d",
                            "II/a",
                            "Pengatur Muda (II/a)",
                            "IV/b",
                            "III/a"};
constexpr std::array pppk_grades{"IX", "IX", "X", "VII", "V", "XI", "Golongan IX", ""};

struct Person {
    std::string nip, name, email, phone, agency, unit, position, grade;
    std::string first, last; // for the Zoom export's first and last name columns
};

// Person i. NIPs: i → (birth date, gender, serial, appointment) is one-to-one, so every person differs; one person
// in twenty is PPPK (digits 9–12 an appointment year, then "2" and a digit 1–9: 21–29).
Person person(std::uint64_t i) {
    const std::uint64_t h = mix(i), g = mix(h);
    Person p;
    const int serial = static_cast<int>(i % 999) + 1;
    const int gender = static_cast<int>(i / 999 % 2) + 1;
    // Birth dates spread over 40 years whatever the roster size: k → k × 6719 mod 13440 is one-to-one.
    const std::uint64_t k = i / 1998, idx = k * 6719 % 13440, j = k / 13440;
    const int by = 1960 + static_cast<int>(idx / 336), bm = static_cast<int>(idx % 336 / 28) + 1,
              bd = static_cast<int>(idx % 28) + 1;
    const bool pppk = h % 20 == 7 && by <= 2000;
    if (pppk) {
        const int year = 2019 + static_cast<int>(g % 6), contract = 21 + static_cast<int>((g >> 48) % 9);
        p.nip = fmt::format("{:04}{:02}{:02}{:04}{:02}{}{:03}", by, bm, bd, year, contract, gender, serial);
    } else {
        const std::uint64_t am =
            static_cast<std::uint64_t>(by + 22) * 12 + static_cast<std::uint64_t>(bm - 1) + j;
        p.nip =
            fmt::format("{:04}{:02}{:02}{:04}{:02}{}{:03}", by, bm, bd, am / 12, am % 12 + 1, gender, serial);
    }
    p.first = pick(first_names, h);
    p.last = pick(last_names, h >> 12);
    const char* prefix = pick(prefixes, h >> 24);
    p.name = fmt::format("{}{} {}{}", prefix, p.first, p.last, pick(suffixes, h >> 32));
    std::string local = p.first + "." + p.last;
    std::transform(local.begin(), local.end(), local.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    p.email = fmt::format("{}{}@{}", local, i, pick(domains, h >> 40));
    p.phone = fmt::format("08{}{:09}", 1 + i % 9, i * 7919 % 1000000000);
    const int where = static_cast<int>(g % 100);
    if (where < 8)
        p.agency = "Pemerintah Provinsi Jawa Timur";
    else if (where < 45)
        p.agency = fmt::format("Pemerintah Kabupaten {}", pick(jatim_kab, g >> 8));
    else if (where < 60)
        p.agency = fmt::format("Pemerintah Kota {}", pick(jatim_kota, g >> 8));
    else if (where < 70)
        p.agency = fmt::format("Pemerintah Provinsi {}", pick(provinces, g >> 8));
    else if (where < 82)
        p.agency = fmt::format("Pemerintah Kabupaten {}", pick(other_kab, g >> 8));
    else if (where < 90)
        p.agency = fmt::format("Pemerintah Kota {}", pick(other_kota, g >> 8));
    else
        p.agency = pick(central, g >> 8);
    p.unit = pick(units, g >> 16);
    p.position = pick(positions, g >> 24);
    p.grade = pppk ? pick(pppk_grades, g >> 32) : pick(grades, g >> 32);
    return p;
}

class Out {
  public:
    explicit Out(const std::string& path) : path_(path) {
        f_ = path.empty() || path == "-" ? stdout : std::fopen(path.c_str(), "wb");
        if (!f_) fail("cannot write " + path);
        std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
    }
    ~Out() {
        if (f_ && f_ != stdout) std::fclose(f_);
    }
    Out(const Out&) = delete;
    Out& operator=(const Out&) = delete;
    void put(std::string_view s) { std::fwrite(s.data(), 1, s.size(), f_); }
    void close() {
        if (std::fflush(f_) != 0 || std::ferror(f_)) fail("cannot write " + path_);
    }
    [[noreturn]] static void fail(const std::string& why) {
        std::cerr << "gen: " << why << "\n";
        std::exit(1);
    }

  private:
    std::string path_;
    std::FILE* f_ = nullptr;
};

std::string cell(const std::string& s, char delim) { // RFC 4180 quoting when needed
    if (s.find(delim) == std::string::npos && s.find('"') == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

std::uint64_t gcd(std::uint64_t a, std::uint64_t b) {
    return std::gcd(a, b);
}

// A step coprime with n near n × 0.618: row r → person (r × step + offset) mod n visits everyone once, scrambled.
std::uint64_t coprime_step(std::uint64_t n, std::uint64_t near) {
    std::uint64_t s = std::max<std::uint64_t>(near, 1);
    while (n > 1 && gcd(s, n) != 1)
        ++s;
    return s;
}

int roster(std::uint64_t n, const std::string& path, bool excel) {
    const char d = excel ? ';' : ',';
    const char* eol = excel ? "\r\n" : "\n";
    Out out(path);
    if (excel) out.put("\xEF\xBB\xBF");
    out.put(fmt::format(
        "NIP{0}Nama Lengkap{0}Email{0}No HP{0}Instansi{0}Unit Kerja{0}Jabatan{0}Pangkat/Golongan{1}", d,
        eol));
    const std::uint64_t step = coprime_step(n, n * 618 / 1000 + 7919);
    std::string line;
    for (std::uint64_t r = 0; r < n; ++r) {
        const Person p = person((r * step + 12345) % n);
        line.clear();
        fmt::format_to(std::back_inserter(line), "{1}{0}{2}{0}{3}{0}{4}{0}{5}{0}{6}{0}{7}{0}{8}{9}", d, p.nip,
                       cell(p.name, d), p.email, p.phone, cell(p.agency, d), cell(p.unit, d),
                       cell(p.position, d), cell(p.grade, d), eol);
        out.put(line);
    }
    out.close();
    return 0;
}

int check_nips(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) Out::fail("cannot read " + path);
    std::string line;
    std::getline(in, line); // header
    std::unordered_set<std::string> seen;
    long n = 0, pppk = 0;
    while (std::getline(in, line)) {
        if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        const std::string first = line.substr(0, line.find_first_of(",;"));
        const NipCheck c = check_nip(first, Date{2025, 12, 31});
        if (!c.ok) Out::fail(fmt::format("line {}: {}: {}", n + 2, first, c.error));
        if (!seen.insert(c.nip).second) Out::fail(fmt::format("line {}: {} appears twice", n + 2, first));
        pppk += c.kind == NipKind::pppk;
        ++n;
    }
    std::cerr << fmt::format("gen: {} NIPs valid and distinct ({} NI PPPK)\n", n, pppk);
    return 0;
}

struct ZoomOptions {
    std::uint64_t people = 0; // the roster's size
    long rows = 0, attendees = 0;
    int session = 0;
    Date date{2024, 3, 7};
    int minutes = 180;
    std::string out, enroll;
};

std::string zoom_time(UnixSeconds t, const Zone& z) {
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    LocalDateTime l = to_local(t, z);
    return fmt::format("\"{} {:02}, {} {:02}:{:02}:{:02}\"", months[l.date.month - 1], l.date.day,
                       l.date.year, l.hour, l.minute, l.second);
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

int zoom(const ZoomOptions& o) {
    if (o.people == 0) Out::fail("zoom: --people N (the roster's size) is required");
    const Zone wib = find_zone("Asia/Jakarta");
    const UnixSeconds start = to_utc({o.date, 9, 0, 0}, wib);
    const std::string day = zoom_time(start, wib);
    const std::string registered = zoom_time(start - 2 * 86400 + 3600, wib);
    Random rnd(0x5eed0000ULL + static_cast<std::uint64_t>(o.session));
    Out out(o.out);
    std::unique_ptr<Out> enroll;
    if (!o.enroll.empty()) {
        enroll = std::make_unique<Out>(o.enroll);
        enroll->put("NIP,Nama Lengkap\n");
    }
    const std::string topic = fmt::format("Webinar ASN Belajar Seri {} | {}", o.session + 1, o.date.year);
    out.put(fmt::format(
        "Attendee Report\r\nReport Generated:,{0}\r\n"
        "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled,Unique Viewers,"
        "Total Users,Max Concurrent Views\r\n"
        "{1},812 3456 {2:04},{3},{4},0,0,0,0,0\r\n\r\n"
        "Host Details\r\nAttended,User Name (Original Name),Email,Join Time,Leave Time,"
        "Time in Session (minutes),Is Guest,Country/Region Name\r\n"
        "Yes,BPSDM JATIM,webinar@bpsdm.jatimprov.go.id,{5},{6},{7},No,Indonesia\r\n\r\n"
        "Panelist Details\r\nAttended,User Name (Original Name),Email,Join Time,Leave Time,"
        "Time in Session (minutes),Is Guest,Country/Region Name\r\n"
        "Yes,Narasumber,narasumber@unair.ac.id,{8},{6},{9},Yes,Indonesia\r\n\r\n"
        "Attendee Details\r\n"
        "Attended,User Name (Original Name),First Name,Last Name,Email,Phone,Registration Time,Approval Status,"
        "Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,NIP\r\n",
        zoom_time(start + (o.minutes + 60) * 60, wib), topic, o.session % 10000, day, o.minutes + 5,
        zoom_time(start - 30 * 60, wib), zoom_time(start + (o.minutes + 5) * 60, wib), o.minutes + 35,
        zoom_time(start - 10 * 60, wib), o.minutes + 15));

    // Session K's sample of the roster: people (offset + t × step) mod N, all distinct for t < N.
    const std::uint64_t n = o.people;
    const std::uint64_t step = coprime_step(n, n * 382 / 1000 + 1 + mix(o.session) % 1000);
    const std::uint64_t offset = mix(0xabcULL + static_cast<std::uint64_t>(o.session)) % n;
    long rows = 0, people = 0, known = 0, enrolled = 0;
    std::string buf;
    auto row = [&](bool attended, const Person& p, const std::string& email, const std::string& nip,
                   UnixSeconds join, UnixSeconds leave) {
        buf.clear();
        if (attended)
            fmt::format_to(std::back_inserter(buf),
                           "Yes,{0},{1},{2},{3},,{4},approved,{5},{6},{7},No,Indonesia,{8}\r\n",
                           cell(p.first + " " + p.last, ','), p.first, p.last, email, registered,
                           zoom_time(join, wib), zoom_time(leave, wib), (leave - join + 59) / 60, nip);
        else
            fmt::format_to(std::back_inserter(buf),
                           "No,{0},{1},{2},{3},,{4},approved,--,--,--,--,Indonesia,{5}\r\n",
                           cell(p.first + " " + p.last, ','), p.first, p.last, email, registered, nip);
        out.put(buf);
        ++rows;
    };
    for (std::uint64_t t = 0;; ++t) {
        if (o.rows > 0 && rows >= o.rows) break;
        if (o.attendees > 0 && people >= o.attendees) break;
        if (o.rows <= 0 && o.attendees <= 0) break;
        if (t >= n) Out::fail("zoom: more attendees wanted than the roster holds");
        ++people;
        const bool on_roster = !rnd.chance(3);
        // Someone not on the roster: a person beyond it, unique to this session and slot.
        const std::uint64_t i =
            on_roster ? (offset + t * step) % n : n + static_cast<std::uint64_t>(o.session) * 1000003ULL + t;
        const Person p = person(i);
        const std::string nip_cell = rnd.chance(10) ? std::string() : p.nip;
        const bool no_show = rnd.chance(5);
        if (on_roster) {
            ++known;
            if (enroll && (no_show || rnd.chance(90))) {
                enroll->put(fmt::format("{},{}\n", p.nip, cell(p.name, ',')));
                ++enrolled;
            }
        }
        if (no_show) {
            row(false, p, p.email, nip_cell, 0, 0);
            continue;
        }
        const UnixSeconds join = start + rnd.between(-20, 40) * 60 + rnd.between(0, 59);
        const UnixSeconds leave =
            std::min<UnixSeconds>(join + rnd.between(30, 200) * 60, start + (o.minutes + 10) * 60);
        const int kind = rnd.between(1, 10);
        auto cased = [&] { return rnd.chance(2) ? upper(p.email) : p.email; };
        if (kind <= 6) {
            row(true, p, cased(), nip_cell, join, leave);
        } else {
            // A rejoin after a break; one in three also on a second, overlapping device.
            const UnixSeconds back = leave + rnd.between(2, 20) * 60;
            row(true, p, cased(), nip_cell, join, leave);
            row(true, p, cased(), nip_cell, back,
                std::max<UnixSeconds>(back + 60, start + rnd.between(o.minutes * 2 / 3, o.minutes + 5) * 60));
            if (kind == 10) row(true, p, cased(), nip_cell, join + 300, join + rnd.between(20, 90) * 60);
        }
    }
    out.close();
    if (enroll) enroll->close();
    std::cerr << fmt::format(
        "gen: zoom session {} ({}): {} rows, {} people, {} on the roster, {} registered\n", o.session,
        fmt::format("{:04}-{:02}-{:02}", o.date.year, o.date.month, o.date.day), rows, people, known,
        enrolled);
    return 0;
}

[[noreturn]] void usage() {
    std::cerr << "usage: gen roster N [-o FILE] [--excel]\n"
                 "       gen zoom --people N (--rows R | --attendees A) [--session K] [--date YYYY-MM-DD]\n"
                 "                [--minutes M] [-o FILE] [--enroll FILE]\n"
                 "       gen check-nips FILE\n";
    std::exit(2);
}

std::uint64_t number(const char* s) {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(s, &end, 10);
    if (!*s || *end) usage();
    return v;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) usage();
    const std::string cmd = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    auto value = [&](std::size_t& i) -> const char* {
        if (i + 1 >= args.size()) usage();
        return args[++i].c_str();
    };
    if (cmd == "roster") {
        std::uint64_t n = 0;
        std::string out;
        bool excel = false;
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (args[i] == "-o")
                out = value(i);
            else if (args[i] == "--excel")
                excel = true;
            else
                n = number(args[i].c_str());
        }
        if (n == 0) usage();
        return roster(n, out, excel);
    }
    if (cmd == "zoom") {
        ZoomOptions o;
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a == "--people")
                o.people = number(value(i));
            else if (a == "--rows")
                o.rows = static_cast<long>(number(value(i)));
            else if (a == "--attendees")
                o.attendees = static_cast<long>(number(value(i)));
            else if (a == "--session")
                o.session = static_cast<int>(number(value(i)));
            else if (a == "--minutes")
                o.minutes = static_cast<int>(number(value(i)));
            else if (a == "-o")
                o.out = value(i);
            else if (a == "--enroll")
                o.enroll = value(i);
            else if (a == "--date") {
                auto d = parse_date(value(i));
                if (!d) usage();
                o.date = *d;
            } else
                usage();
        }
        return zoom(o);
    }
    if (cmd == "check-nips" && args.size() == 1) return check_nips(args[0]);
    usage();
}
