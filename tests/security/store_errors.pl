#!/usr/bin/perl
# store_errors.pl HEADER FILE...: the database's exceptions stay in the store. Every operation of a backend (a
# method HEADER declares `override`: the Store interface's operations) that FILE... defines is a
# function-try-block whose handler, `catch (const SQLite::Exception& e)`, hands the exception to fail(), the
# backend's one translation point (lib/src/store/errors.hpp), which turns it into asnbelajar::Error. Prints
# "FILE:LINE: CLASS::NAME ..." for each operation that does not and exits 1 when there is any.
#
# Reviewed exemptions, listed on stderr: backup_to (a failure of the copy is the backup's, said with
# sqlite_reason()), rollback_transaction (it swallows everything while an exception unwinds) and
# discard_created (it closes the connection and removes files; no statement runs).
use strict;
use warnings;

my %exempt = map { $_ => 1 } qw(backup_to rollback_transaction discard_created);
my $header = shift @ARGV or die "usage: store_errors.pl HEADER FILE...\n";
my $findings = 0;

sub slurp {
    my ($file) = @_;
    open(my $fh, '<', $file) or die "$file: $!\n";
    local $/;
    return <$fh>;
}

# The operations: the name before the first "(" of every declaration that ends in `override`.
my $decls = slurp($header);
$decls =~ s{//[^\n]*}{}g;
my ($class) = $decls =~ /\bclass\s+(\w+)\s+final\s*:\s*public\s+Store\b/ or die "$header: no backend class\n";
my %operation;
for my $decl (split /[;{}]/, $decls) {
    next unless $decl =~ /\boverride\s*$/;
    $operation{$1} = 1 if $decl =~ /(~?\w+)\s*\(/;
}
die "$header: no operation declared override\n" unless %operation;

for my $file (@ARGV) {
    my $text = slurp($file);
    # A definition starts at the first column; it ends at the first line that is a lone "}".
    while ($text =~ /^(?=\S)[^\n;]*?\b\Q$class\E::(~?\w+)\s*\(/mg) {
        my ($name, $start) = ($1, $-[0]);
        my $line = 1 + (substr($text, 0, $start) =~ tr/\n//);
        my $rest = substr($text, $start);
        # A declaration or a defaulted definition ("~SqliteStore() = default;") has no body.
        if ($rest =~ /^[^{]*?;/) {
            pos($text) = $start + $+[0];
            next;
        }
        $rest =~ /^\}[ \t]*$/m or next;
        my $body = substr($rest, 0, $+[0]);
        pos($text) = $start + length $body;
        next unless $operation{$name};
        if ($exempt{$name}) {
            print STDERR "$file:$line: exempt: ${class}::$name\n";
            next;
        }
        my ($signature) = $body =~ /^([^{]*)\{/;
        my $guarded = $signature =~ /\btry\b/
            && $body =~ /^\} catch \(const (?:SQLite::Exception|pq::Failure)& e\) \{\s*\n\s*(?:[\w.>-]*->)?fail\(\s*e\b/m;
        next if $guarded;
        print "$file:$line: ${class}::$name lets SQLite::Exception escape (no function-try-block handing it to fail())\n";
        $findings++;
    }
}
exit($findings ? 1 : 0);
