#!/usr/bin/env bash
# backend: sqlite
# (The key is a file beside an SQLite store; a PostgreSQL registry keeps it in its table signing_key, and
# test_pg_reliability.sh, part 6, checks certify key, codes, --pdf and verify there.)
# Certificate verification codes end to end: the signing key (made on first use, 0600, beside the store, never in
# the database), certify key --public, certify codes, and certify verify on codes, links and images: valid,
# altered (a changed field), revoked, unknown (another store's key, not a code, a number the store lacks),
# malformed codes, missing keys and unreadable images.
source "$(dirname "$0")/lib.sh"

P1=198609262015051001; P2=199001152014031002; P3=198703212010122003
E1=tamu@example.com
S=2022-03-03
KEY="$ASNBELAJAR_DB.key"

# code_of NIP-OR-EMAIL: the verification code of that person's certificate (certify codes).
code_of() {
  "$ASNBELAJAR" -q certify codes $S --format csv | awk -F, -v who="$1" 'NR > 1 && ($2 == who || $3 == who) { print $5 }'
}
# field CODE N VALUE: CODE with its N-th |-separated field (1 = ASNB1) replaced by VALUE.
field() { awk -F'|' -v OFS='|' -v n="$2" -v v="$3" '{ $n = v; print }' <<<"$1"; }
# status: the status column of the last verify's CSV output.
status() { awk -F, 'NR == 2 { print $1 }' "$OUT"; }

ab session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "$S 09:00" --minutes 180 --jp 3
expect_rc 0 "session"
for p in $P1 $P2 $P3; do ab participant add --nip $p --name "Peserta $p"; done
ab participant add --email $E1 --name "Tamu | Tanpa NIP"
ab attend $S $P1 $P2 $P3 $E1; expect_rc 0 "attend"
ab certify $S --template "{seq:06}/BPSDM-ASNB/{month_roman}/{year}"; expect_rc 0 "certify"

# --- the key: made on first use, the owner's alone, never in the store --------------------------------------------
ab certify key --public
expect_rc 1 "no key yet"
expect_grep "no signing key at $KEY: 'asnbelajar certify key --init' makes one" "$ERR" "says how to make one"
ab certify codes $S --format csv
expect_rc 0 "certify codes"
expect_grep "made a new signing key $KEY \(key id [0-9a-f]{16}\)" "$ERR" "the first use makes the key, and says so"
expect_eq "$(stat -c %a "$KEY")" "600" "the key file is mode 0600"
expect_eq "$(head -1 "$OUT")" "certificate,nip,email,name,code" "certify codes columns"
expect_eq "$(($(grep -c . "$OUT") - 1))" "4" "a code per live certificate"
ab --lang en certify codes $S --format markdown
expect_grep '^- Certificates: \*\*4\*\*$' "$OUT" "the human form totals the certificates"
expect_grep '^Key [0-9a-f]{16}' "$OUT" "and names the key that signs the codes"
secret=$(awk '/^secret:/ { print $2 }' "$KEY")
if command -v sqlite3 >/dev/null; then
  expect_eq "$(sqlite3 "$ASNBELAJAR_DB" .dump | grep -c -- "$secret")" "0" "the secret is not in the database"
fi
ab certify key --init
expect_rc 0 "key --init with a key present"
expect_no_grep 'made a new' "$ERR" "--init keeps the key there is"
ab certify key --public
expect_rc 0 "key --public"
expect_grep '^asnbelajar-ed25519 [0-9a-f]{16} [A-Za-z0-9_-]{43}$' "$OUT" "one line: tag, key id, key"
cp "$OUT" "$WORK/bpsdm.pub"
KEYID=$(cut -d' ' -f2 "$WORK/bpsdm.pub")
ab certify key --public --format json
expect_grep "\"key_id\":\"$KEYID\"" "$OUT" "json: the key id"
ab certify key
expect_rc 2 "certify key needs --init or --public"

C1=$(code_of $P1)
CE=$(code_of $E1)
expect_grep "^ASNB1\|$KEYID\|000001/BPSDM-ASNB/III/2022\|$P1\|$S\|$S\|3\|[A-Za-z0-9_-]{86}$" <(echo "$C1") \
  "a code: tag, key id, number, NIP, session, date, JP, signature"

# --- valid --------------------------------------------------------------------------------------------------------
ab certify verify "$C1" --format csv
expect_rc 0 "a valid code"
expect_eq "$(head -1 "$OUT")" "status,certificate,nip,email,name,session,title,date,jp,key_id,store_checked" \
  "verify's columns"
expect_eq "$(sed -n 2p "$OUT")" \
  "valid,000001/BPSDM-ASNB/III/2022,$P1,,Peserta $P1,$S,Webinar ASN Belajar Seri 9 | 2022,$S,3,$KEYID,true" \
  "the fields, the name and title from the store"
expect_grep "valid: signed by key $KEYID; certificate 000001/BPSDM-ASNB/III/2022 is live in the store$" "$ERR" \
  "stderr says why, and nothing more while the session is as it was"
ab certify verify "$CE" --format json
expect_rc 0 "a valid code of a person without NIP: the e-mail is the identity"
expect_grep "\"email\":\"$E1\"" "$OUT" "json: the e-mail"
ab certify verify "https://bpsdm.jatimprov.go.id/verifikasi?c=$(printf %s "$C1" | jq -sRr @uri)" --format csv
expect_rc 0 "a link carrying the code"
ab --db "$WORK/elsewhere.db" certify verify "$C1" --public-key "$WORK/bpsdm.pub" --offline --format csv
expect_rc 0 "offline with the public key file: valid"
expect_eq "$(status)" "valid" "offline: valid"
expect_grep ',false$' "$OUT" "store_checked false offline"
ab certify verify "$C1" --public-key "$(cat "$WORK/bpsdm.pub")" --format csv
expect_rc 0 "the public key as text"
ab certify verify "$C1" "$CE"
expect_rc 0 "two valid codes at once"

# --- the PDFs: their QR codes are the codes, decoded with pdftoppm + zbarimg and by certify verify --qr-image ------
for tool in pdftoppm zbarimg; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing (Debian: poppler-utils, zbar-tools; .ci/setup)" >&2; exit 1; }
done
ab certify $S --pdf "$WORK/pdf"; expect_rc 0 "certify --pdf"
expect_no_grep 'made a new' "$ERR" "--pdf signs with the key there is"
pdftoppm -png -r 150 -singlefile "$WORK/pdf/$P1.pdf" "$WORK/page-p1" 2>/dev/null
pdftoppm -png -r 150 -singlefile "$WORK/pdf/$P2.pdf" "$WORK/page-p2" 2>/dev/null
Q1=$(zbarimg -q --raw "$WORK/page-p1.png" 2>/dev/null)
expect_eq "$Q1" "$C1" "the PDF's QR code is the certificate's verification code"
ab certify verify "$Q1" --format csv
expect_rc 0 "the decoded QR code verifies"
expect_eq "$(status)" "valid" "decoded QR code: valid"
ab certify verify --qr-image "$WORK/page-p1.png" --public-key "$WORK/bpsdm.pub" --format csv
expect_rc 0 "--qr-image on a rendered page"
expect_eq "$(status)" "valid" "--qr-image: valid"
expect_eq "$(awk -F, 'NR == 2 { print $3 }' "$OUT")" "$P1" "--qr-image: the NIP from the code"
ab certify $S --pdf "$WORK/pdf-url" --verify-url "https://sertifikat.example.go.id/cek?c="
expect_rc 0 "certify --pdf --verify-url"
pdftoppm -png -r 150 -singlefile "$WORK/pdf-url/$E1.pdf" "$WORK/page-url" 2>/dev/null
ab certify verify --qr-image "$WORK/page-url.png" --format csv
expect_rc 0 "--qr-image: a QR code that is a link"
expect_eq "$(status),$(awk -F, 'NR == 2 { print $4 }' "$OUT")" "valid,$E1" "link: valid, the e-mail"
ab certify $S --pdf "$WORK/pdf-other" --key "$WORK/no-such-dir/other.key"
expect_rc 0 "--key: another signing key, made on first use"
pdftoppm -png -r 150 -singlefile "$WORK/pdf-other/$P1.pdf" "$WORK/page-other" 2>/dev/null
ab certify verify --qr-image "$WORK/page-other.png" --format csv
expect_rc 1 "signed with a key the verifier was not given"
expect_eq "$(status)" "unknown" "another key's PDF: unknown"

# --- altered --------------------------------------------------------------------------------------------------------
ab certify verify "$(field "$C1" 7 30)" --format csv
expect_rc 1 "JP changed"
expect_eq "$(status)" "altered" "JP changed: altered"
expect_grep "altered: the signature of key $KEYID does not match the fields" "$ERR" "why"
ab certify verify "$(field "$C1" 4 $P2)" --format csv
expect_rc 1 "NIP changed"
expect_eq "$(status)" "altered" "NIP changed: altered"
ab certify verify "$(field "$C1" 6 2022-03-10)" --format csv
expect_eq "$(status)" "altered" "date changed: altered"
ab certify verify "$C1" "$(field "$C1" 3 000009/BPSDM-ASNB/III/2022)" --format csv
expect_rc 1 "one altered code among valid ones: exit 1"
expect_eq "$(awk -F, 'NR > 1 { print $1 }' "$OUT" | tr '\n' ' ')" "valid altered " "one row each"

# --- revoked ---------------------------------------------------------------------------------------------------------
C2=$(code_of $P2)
ab certify $S --revoke $P2; expect_rc 0 "revoke P2"
ab certify verify "$C2" --format csv
expect_rc 1 "a revoked certificate"
expect_eq "$(status)" "revoked" "revoked"
expect_grep "revoked: certificate $(cut -d'|' -f3 <<<"$C2") was revoked$" "$ERR" "says which certificate"
ab certify verify --qr-image "$WORK/page-p2.png" --format csv
expect_rc 1 "the PDF of a revoked certificate"
expect_eq "$(status)" "revoked" "--qr-image: revoked"
ab certify verify "$C2" --offline --format csv
expect_rc 0 "offline, revocation is not seen"
expect_grep 'revocation not checked' "$ERR" "offline says so"
expect_grep "valid: signed by key $KEYID; revocation not checked \(no store at hand\)$" "$ERR" "and so does the verdict"
ab certify $S; expect_rc 0 "P2 certified again under a new number"
expect_eq "$(code_of $P2 | cut -d'|' -f3)" "5/BPSDM-ASNB/III/2022" "the revoked number is not reused"

# --- unknown ---------------------------------------------------------------------------------------------------------
OTHER="$WORK/other.db"
ab --db "$OTHER" session add --title "Lain" --start "$S 09:00" --minutes 60 --jp 2; expect_rc 0 "another store"
ab --db "$OTHER" participant add --nip $P1 --name "Siti"; ab --db "$OTHER" attend $S $P1; ab --db "$OTHER" certify $S
"$ASNBELAJAR" --db "$OTHER" -q certify codes $S --format csv >"$WORK/other.csv"
CO=$(awk -F, 'NR == 2 { print $5 }' "$WORK/other.csv")
[ -f "$OTHER.key" ] && ok || fail "the other store has its own key"
ab certify verify "$CO" --format csv
expect_rc 1 "a code signed by another store's key"
expect_eq "$(status)" "unknown" "another key: unknown"
expect_grep "unknown: signed by key [0-9a-f]{16}, not by the key given \($KEYID\)" "$ERR" "names both keys"
ab certify verify "$CO" --public-key "$OTHER.key" --format csv
expect_rc 1 "the other store's own key, against this store"
expect_eq "$(status)" "unknown" "a number this store does not have for that person: unknown"
ab --db "$OTHER" certify verify "$CO" --format csv
expect_rc 0 "valid in its own store"
ab certify verify "https://example.com/not-a-certificate" --format csv
expect_rc 1 "not a code"
expect_eq "$(status)" "unknown" "not a code: unknown"
expect_grep '^(asnbelajar: )?unknown: not an asnbelajar verification code \(it has no ASNB1\|\.\.\. in it\)$' "$ERR" \
  "not a code: says why"

# --- malformed codes, missing keys, images ----------------------------------------------------------------------------
ab certify verify "ASNB1|$KEYID|1|2"
expect_rc 1 "a malformed code"
expect_grep 'malformed verification code: 4 fields' "$ERR" "the message says what is wrong"
ab certify verify "${C1%?????}"
expect_rc 1 "a cut signature"
expect_grep 'the signature is not 64 bytes of base64url' "$ERR" "a cut signature is malformed"
ab certify verify
expect_rc 2 "verify needs a code"
ab certify verify "$C1" --public-key nonsense
expect_rc 2 "--public-key that is neither a file nor a key"
ab --db "$WORK/empty/none.db" certify verify "$C1"
expect_rc 1 "no key beside the store and no --public-key"
expect_grep 'no key to check codes against: there is no signing key at .*none.db.key; give the agency' "$ERR" \
  "the missing key is named"
chmod 644 "$KEY"
ab certify verify "$C1"
expect_rc 1 "a signing key others may read is refused"
expect_grep "chmod 600 $KEY" "$ERR" "says how to fix it"
chmod 600 "$KEY"
echo "not a picture" >"$WORK/bad.png"
ab certify verify --qr-image "$WORK/bad.png"
expect_rc 1 "not a PNG"
expect_grep "bad.png is not a PNG image that can be read" "$ERR" "names the file"
ab certify verify --qr-image "$WORK/missing.png"
expect_rc 1 "a missing image"
expect_grep "cannot read the image .*missing.png: No such file" "$ERR" "says it is missing"

# --- a session changed after its certificates: the code stays valid, and the verdict says what changed -----------
ab session edit $S --jp 4
expect_rc 0 "the session's JP corrected after certification"
ab certify verify "$C1" --format csv
expect_rc 0 "still valid: the certificate was issued for what the session was"
expect_grep "is live in the store \(the session was changed after it was issued: the store now says $S, 4 JP\)$" \
  "$ERR" "the verdict names what the store says now"

ab certify --help
expect_grep 'verify' "$OUT" "certify --help lists verify"
ab certify verify --help
expect_grep 'Examples:' "$OUT" "certify verify --help has examples"
ab certify
expect_rc 2 "certify without SESSION"

finish
