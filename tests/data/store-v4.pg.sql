-- A PostgreSQL store as asnbelajar wrote it at schema version 4 (issue 17: the certificate gates; session s1
-- requires a post-test), before the command ids of issue 19 (pg_dump --no-owner --no-privileges of a database
-- that asnbelajar at version 4 made): the migration test (test_foundation.sh, on PostgreSQL) loads it.
--
-- PostgreSQL database dump
--

\restrict 3SEtTxMBczuRHfRRUuDsKgS8PNEncr4D54nyILaCN8ebkHQ1KGoWkknO2OFpbSC

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: asnbelajar_schema; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asnbelajar_schema (
    version integer NOT NULL
);


--
-- Name: attendance; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.attendance (
    session_id bigint NOT NULL,
    participant_id bigint NOT NULL,
    minutes integer NOT NULL,
    self_declared integer DEFAULT 0 NOT NULL,
    outcome text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT attendance_outcome_check CHECK ((outcome = ANY (ARRAY['attended'::text, 'partial'::text]))),
    CONSTRAINT attendance_self_declared_check CHECK ((self_declared = ANY (ARRAY[0, 1])))
);


--
-- Name: attendance_marks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.attendance_marks (
    id bigint NOT NULL,
    session_id bigint NOT NULL,
    participant_id bigint NOT NULL,
    kind text NOT NULL COLLATE pg_catalog."C",
    join_at bigint,
    leave_at bigint,
    seconds bigint,
    source text NOT NULL COLLATE pg_catalog."C",
    batch text COLLATE pg_catalog."C",
    created bigint NOT NULL,
    CONSTRAINT attendance_marks_kind_check CHECK ((kind = ANY (ARRAY['interval'::text, 'duration'::text, 'span'::text, 'manual'::text, 'self'::text])))
);


--
-- Name: attendance_marks_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.attendance_marks_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: attendance_marks_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.attendance_marks_id_seq OWNED BY public.attendance_marks.id;


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    at bigint NOT NULL,
    os_user text NOT NULL COLLATE pg_catalog."C",
    command text NOT NULL COLLATE pg_catalog."C",
    rows bigint NOT NULL
);


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;


--
-- Name: certificates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.certificates (
    id bigint NOT NULL,
    seq bigint NOT NULL,
    number text NOT NULL COLLATE pg_catalog."C",
    session_id bigint NOT NULL,
    participant_id bigint NOT NULL,
    issued bigint NOT NULL,
    revoked bigint
);


--
-- Name: certificates_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.certificates_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: certificates_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.certificates_id_seq OWNED BY public.certificates.id;


--
-- Name: counters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.counters (
    name text NOT NULL COLLATE pg_catalog."C",
    value bigint NOT NULL
);


--
-- Name: enrollments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.enrollments (
    session_id bigint NOT NULL,
    participant_id bigint NOT NULL,
    status text NOT NULL COLLATE pg_catalog."C",
    arrival bigint NOT NULL,
    created bigint NOT NULL,
    updated bigint NOT NULL,
    CONSTRAINT enrollments_status_check CHECK ((status = ANY (ARRAY['enrolled'::text, 'waitlisted'::text, 'cancelled'::text, 'walk-in'::text])))
);


--
-- Name: participants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.participants (
    id bigint NOT NULL,
    nip text COLLATE pg_catalog."C",
    email text COLLATE pg_catalog."C",
    phone text COLLATE pg_catalog."C",
    name text NOT NULL COLLATE pg_catalog."C",
    agency text COLLATE pg_catalog."C",
    unit text COLLATE pg_catalog."C",
    "position" text COLLATE pg_catalog."C",
    grade text COLLATE pg_catalog."C",
    created bigint NOT NULL,
    updated bigint NOT NULL,
    CONSTRAINT participants_check CHECK (((nip IS NOT NULL) OR (email IS NOT NULL)))
);


--
-- Name: participants_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.participants_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: participants_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.participants_id_seq OWNED BY public.participants.id;


--
-- Name: results; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.results (
    id bigint NOT NULL,
    session_id bigint NOT NULL,
    participant_id bigint NOT NULL,
    kind text NOT NULL COLLATE pg_catalog."C",
    score integer,
    submitted_at bigint,
    batch text NOT NULL COLLATE pg_catalog."C",
    created bigint NOT NULL,
    CONSTRAINT results_kind_check CHECK ((kind = ANY (ARRAY['survey'::text, 'posttest'::text]))),
    CONSTRAINT results_score_check CHECK (((score >= 0) AND (score <= 10000)))
);


--
-- Name: results_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.results_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: results_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.results_id_seq OWNED BY public.results.id;


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    id bigint NOT NULL,
    code text NOT NULL COLLATE pg_catalog."C",
    series integer,
    title text NOT NULL COLLATE pg_catalog."C",
    start bigint NOT NULL,
    tz text NOT NULL COLLATE pg_catalog."C",
    minutes integer NOT NULL,
    jp_tenths integer NOT NULL,
    speaker text COLLATE pg_catalog."C",
    capacity integer,
    min_attendance integer DEFAULT 70 NOT NULL,
    status text DEFAULT 'scheduled'::text NOT NULL COLLATE pg_catalog."C",
    created bigint NOT NULL,
    attendance_imported bigint,
    requires_survey integer DEFAULT 0 NOT NULL,
    requires_posttest integer DEFAULT 0 NOT NULL,
    pass_score integer DEFAULT 60 NOT NULL,
    CONSTRAINT sessions_capacity_check CHECK (((capacity IS NULL) OR (capacity >= 0))),
    CONSTRAINT sessions_jp_tenths_check CHECK ((jp_tenths >= 0)),
    CONSTRAINT sessions_min_attendance_check CHECK (((min_attendance >= 0) AND (min_attendance <= 100))),
    CONSTRAINT sessions_minutes_check CHECK ((minutes > 0)),
    CONSTRAINT sessions_pass_score_check CHECK (((pass_score >= 0) AND (pass_score <= 100))),
    CONSTRAINT sessions_requires_posttest_check CHECK ((requires_posttest = ANY (ARRAY[0, 1]))),
    CONSTRAINT sessions_requires_survey_check CHECK ((requires_survey = ANY (ARRAY[0, 1]))),
    CONSTRAINT sessions_status_check CHECK ((status = ANY (ARRAY['scheduled'::text, 'cancelled'::text])))
);


--
-- Name: sessions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sessions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sessions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sessions_id_seq OWNED BY public.sessions.id;


--
-- Name: signing_key; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signing_key (
    id integer NOT NULL,
    seed text NOT NULL COLLATE pg_catalog."C",
    created bigint NOT NULL,
    CONSTRAINT signing_key_id_check CHECK ((id = 1))
);


--
-- Name: attendance_marks id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attendance_marks ALTER COLUMN id SET DEFAULT nextval('public.attendance_marks_id_seq'::regclass);


--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);


--
-- Name: certificates id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificates ALTER COLUMN id SET DEFAULT nextval('public.certificates_id_seq'::regclass);


--
-- Name: participants id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants ALTER COLUMN id SET DEFAULT nextval('public.participants_id_seq'::regclass);


--
-- Name: results id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.results ALTER COLUMN id SET DEFAULT nextval('public.results_id_seq'::regclass);


--
-- Name: sessions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions ALTER COLUMN id SET DEFAULT nextval('public.sessions_id_seq'::regclass);


--
-- Data for Name: asnbelajar_schema; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.asnbelajar_schema (version) FROM stdin;
4
\.


--
-- Data for Name: attendance; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.attendance (session_id, participant_id, minutes, self_declared, outcome) FROM stdin;
1	1	180	0	attended
\.


--
-- Data for Name: attendance_marks; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.attendance_marks (id, session_id, participant_id, kind, join_at, leave_at, seconds, source, batch, created) FROM stdin;
1	1	1	manual	\N	\N	10800	manual	\N	1796007544
\.


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.audit_log (id, at, os_user, command, rows) FROM stdin;
1	1796007542	root	asnbelajar --db postgresql://asnb@/v4?host=/run/postgresql&port=5432 db migrate	0
2	1796007543	root	asnbelajar --tz Asia/Jakarta --db postgresql://asnb@/v4?host=/run/postgresql&port=5432 session add --title Webinar ASN Belajar --start 2022-03-03 09:00 --minutes 180 --jp 3 --code s1	1
3	1796007544	root	asnbelajar --db postgresql://asnb@/v4?host=/run/postgresql&port=5432 participant add --nip 198503302010011002 --name Budi Santoso --email budi@example.go.id	1
4	1796007544	root	asnbelajar --db postgresql://asnb@/v4?host=/run/postgresql&port=5432 enroll s1 198503302010011002	1
5	1796007544	root	asnbelajar --db postgresql://asnb@/v4?host=/run/postgresql&port=5432 attend s1 198503302010011002 --minutes 180	1
6	1796007545	root	asnbelajar --db postgresql://asnb@/v4?host=/run/postgresql&port=5432 session edit s1 --requires posttest	1
\.


--
-- Data for Name: certificates; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.certificates (id, seq, number, session_id, participant_id, issued, revoked) FROM stdin;
\.


--
-- Data for Name: counters; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.counters (name, value) FROM stdin;
certificate	0
\.


--
-- Data for Name: enrollments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.enrollments (session_id, participant_id, status, arrival, created, updated) FROM stdin;
1	1	enrolled	1	1796007544	1796007544
\.


--
-- Data for Name: participants; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.participants (id, nip, email, phone, name, agency, unit, "position", grade, created, updated) FROM stdin;
1	198503302010011002	budi@example.go.id	\N	Budi Santoso	\N	\N	\N	\N	1796007544	1796007544
\.


--
-- Data for Name: results; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.results (id, session_id, participant_id, kind, score, submitted_at, batch, created) FROM stdin;
\.


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sessions (id, code, series, title, start, tz, minutes, jp_tenths, speaker, capacity, min_attendance, status, created, attendance_imported, requires_survey, requires_posttest, pass_score) FROM stdin;
1	s1	\N	Webinar ASN Belajar	1646272800	Asia/Jakarta	180	30	\N	\N	70	scheduled	1796007543	\N	0	1	60
\.


--
-- Data for Name: signing_key; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.signing_key (id, seed, created) FROM stdin;
\.


--
-- Name: attendance_marks_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.attendance_marks_id_seq', 1, true);


--
-- Name: audit_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_log_id_seq', 6, true);


--
-- Name: certificates_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.certificates_id_seq', 1, false);


--
-- Name: participants_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.participants_id_seq', 1, true);


--
-- Name: results_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.results_id_seq', 1, false);


--
-- Name: sessions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.sessions_id_seq', 1, true);


--
-- Name: attendance_marks attendance_marks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attendance_marks
    ADD CONSTRAINT attendance_marks_pkey PRIMARY KEY (session_id, id);


--
-- Name: attendance attendance_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attendance
    ADD CONSTRAINT attendance_pkey PRIMARY KEY (session_id, participant_id);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: certificates certificates_number; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificates
    ADD CONSTRAINT certificates_number UNIQUE (number);


--
-- Name: certificates certificates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificates
    ADD CONSTRAINT certificates_pkey PRIMARY KEY (id);


--
-- Name: certificates certificates_seq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificates
    ADD CONSTRAINT certificates_seq UNIQUE (seq);


--
-- Name: counters counters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.counters
    ADD CONSTRAINT counters_pkey PRIMARY KEY (name);


--
-- Name: enrollments enrollments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrollments
    ADD CONSTRAINT enrollments_pkey PRIMARY KEY (session_id, participant_id);


--
-- Name: participants participants_email; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants
    ADD CONSTRAINT participants_email UNIQUE (email) DEFERRABLE;


--
-- Name: participants participants_nip; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants
    ADD CONSTRAINT participants_nip UNIQUE (nip) DEFERRABLE;


--
-- Name: participants participants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants
    ADD CONSTRAINT participants_pkey PRIMARY KEY (id);


--
-- Name: results results_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.results
    ADD CONSTRAINT results_pkey PRIMARY KEY (session_id, id);


--
-- Name: sessions sessions_code; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_code UNIQUE (code);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);


--
-- Name: signing_key signing_key_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signing_key
    ADD CONSTRAINT signing_key_pkey PRIMARY KEY (id);


--
-- Name: attendance_marks_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attendance_marks_person ON public.attendance_marks USING btree (session_id, participant_id);


--
-- Name: attendance_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attendance_participant ON public.attendance USING btree (participant_id);


--
-- Name: certificates_live; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX certificates_live ON public.certificates USING btree (session_id, participant_id) WHERE (revoked IS NULL);


--
-- Name: certificates_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX certificates_participant ON public.certificates USING btree (participant_id);


--
-- Name: enrollments_arrival; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enrollments_arrival ON public.enrollments USING btree (session_id, arrival);


--
-- Name: enrollments_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enrollments_participant ON public.enrollments USING btree (participant_id);


--
-- Name: enrollments_queue; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enrollments_queue ON public.enrollments USING btree (session_id, status, arrival);


--
-- Name: participants_phone; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX participants_phone ON public.participants USING btree (phone) WHERE (phone IS NOT NULL);


--
-- Name: results_attempt; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX results_attempt ON public.results USING btree (session_id, kind, participant_id, submitted_at) NULLS NOT DISTINCT;


--
-- Name: results_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX results_participant ON public.results USING btree (participant_id);


--
-- Name: sessions_start; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_start ON public.sessions USING btree (start);


--
-- Name: attendance_marks attendance_marks_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attendance_marks
    ADD CONSTRAINT attendance_marks_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id);


--
-- Name: attendance_marks attendance_marks_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attendance_marks
    ADD CONSTRAINT attendance_marks_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.sessions(id);


--
-- Name: attendance attendance_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attendance
    ADD CONSTRAINT attendance_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id);


--
-- Name: attendance attendance_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attendance
    ADD CONSTRAINT attendance_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.sessions(id);


--
-- Name: certificates certificates_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificates
    ADD CONSTRAINT certificates_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id);


--
-- Name: certificates certificates_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificates
    ADD CONSTRAINT certificates_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.sessions(id);


--
-- Name: enrollments enrollments_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrollments
    ADD CONSTRAINT enrollments_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id);


--
-- Name: enrollments enrollments_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrollments
    ADD CONSTRAINT enrollments_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.sessions(id);


--
-- Name: results results_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.results
    ADD CONSTRAINT results_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id);


--
-- Name: results results_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.results
    ADD CONSTRAINT results_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.sessions(id);


--
-- PostgreSQL database dump complete
--

\unrestrict 3SEtTxMBczuRHfRRUuDsKgS8PNEncr4D54nyILaCN8ebkHQ1KGoWkknO2OFpbSC

