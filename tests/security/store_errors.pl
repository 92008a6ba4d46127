#!/usr/bin/perl
# store_errors.pl FILE...: SQLite's exceptions stay in the store. Every Store method defined in FILE (the store
# layer) that touches the database (its body names impl_) is a function-try-block whose handler,
# `catch (const SQLite::Exception& e)`, hands the exception to Impl::fail() (lib/src/store/errors.hpp), the one
# place that turns it into asnbelajar::Error. Prints "FILE:LINE: Store::NAME ..." for each method that does not
# and exits 1 when there is any.
#
# Reviewed exemptions, listed on stderr: the constructor (it closes the connection and removes a file it
# created before throwing translate()'s Error), backup_to (a failure of the copy is the backup's, said with
# sqlite_reason()), ~Transaction (it swallows everything while unwinding), and path(), created() and
# discard_new_file(), which run no statement.
use strict;
use warnings;

my %exempt = map { $_ => 1 } qw(Store::Store Store::backup_to Store::Transaction::~Transaction Store::path Store::created
                               Store::discard_new_file);
my $findings = 0;

for my $file (@ARGV) {
    open(my $fh, '<', $file) or die "$file: $!\n";
    my $text = do { local $/; <$fh> };
    close $fh;
    # A definition starts at the first column; it ends at the first line that is a lone "}".
    while ($text =~ /^(?=\S)[^\n;]*?\b(Store::(?:Transaction::)?~?\w+)\s*\(/mg) {
        my ($name, $start) = ($1, $-[0]);
        my $line = 1 + (substr($text, 0, $start) =~ tr/\n//);
        my $rest = substr($text, $start);
        # A declaration or a defaulted definition ("~Store() = default;") has no body.
        if ($rest =~ /^[^{]*?;/) {
            pos($text) = $start + $+[0];
            next;
        }
        $rest =~ /^\}[ \t]*$/m or next;
        my $body = substr($rest, 0, $+[0]);
        pos($text) = $start + length $body;
        next unless $body =~ /\bimpl_\b/;
        if ($exempt{$name}) {
            print STDERR "$file:$line: exempt: $name\n";
            next;
        }
        my ($signature) = $body =~ /^([^{]*)\{/;
        my $guarded = $signature =~ /\btry\b/
            && $body =~ /^\} catch \(const SQLite::Exception& e\) \{\s*\n\s*[\w.>-]*fail\(\s*e\b/m;
        next if $guarded;
        print "$file:$line: $name lets SQLite::Exception escape (no function-try-block handing it to fail())\n";
        $findings++;
    }
}
exit($findings ? 1 : 0);
