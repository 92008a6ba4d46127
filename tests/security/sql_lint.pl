#!/usr/bin/perl
# sql_lint.pl FILE...: finds SQL built at run time in C++ sources (the store layer). Prints one line per finding,
# "FILE:LINE: reason", and exits 1 when there is any.
#
# Rules, on a token stream (comments removed, string literals kept whole):
#   1. The SQL argument of stmt(), exec(), execAndGet(), SQLite::Statement(db, ...) and the PostgreSQL wrapper's
#      query(), copy_in() and copy_out() (lib/src/store/postgres/pq.hpp) is made only of string
#      literals, upper-case macro names (adjacent-literal pieces such as PARTICIPANT_COLUMNS) and names this
#      file declares as `const char*` or `char[]` (literal SQL handed around). Anything else (+, fmt::format,
#      std::string, .c_str(), a call) is SQL built at run time.
#   2. A string literal that reads as SQL is never an operand of +, += or <<, nor an argument of format() or
#      append().
# A line ending in the comment "// sql-lint: integer only" is exempt: it builds a statement that takes no bound
# parameters (a PRAGMA) from a literal and an integer. Exempt lines are listed on stderr for review.
use strict;
use warnings;

my $sql_word = qr/\b(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WHERE|VALUES|BEGIN|COMMIT)\b/;
my $findings = 0;

sub tokens {
    my ($text) = @_;
    my @t;
    my $line = 1;
    my $n = length $text;
    my $i = 0;
    while ($i < $n) {
        my $c = substr($text, $i, 1);
        if ($c eq "\n") { $line++; $i++; next }
        if ($c =~ /\s/) { $i++; next }
        if (substr($text, $i, 2) eq '//') { my $e = index($text, "\n", $i); $e = $n if $e < 0; $i = $e; next }
        if (substr($text, $i, 2) eq '/*') {
            my $e = index($text, '*/', $i + 2); $e = $n - 2 if $e < 0;
            $line += () = substr($text, $i, $e + 2 - $i) =~ /\n/g; $i = $e + 2; next;
        }
        if (substr($text, $i) =~ /^(?:u8|u|U|L)?R"([^(\s]*)\(/) {  # raw string literal
            my $delim = ")$1\"";
            my $start = $i + length($&);
            my $e = index($text, $delim, $start); $e = $n if $e < 0;
            my $body = substr($text, $start, $e - $start);
            push @t, ['str', $body, $line];
            $line += () = $body =~ /\n/g; $i = $e + length $delim; next;
        }
        if ($c eq '"' || $c eq "'") {
            my $j = $i + 1;
            while ($j < $n && substr($text, $j, 1) ne $c) { $j += substr($text, $j, 1) eq '\\' ? 2 : 1 }
            push @t, [$c eq '"' ? 'str' : 'chr', substr($text, $i + 1, $j - $i - 1), $line];
            $i = $j + 1; next;
        }
        if (substr($text, $i) =~ /^[A-Za-z_]\w*/) { push @t, ['id', $&, $line]; $i += length $&; next }
        if (substr($text, $i) =~ /^(?:::|->|<<=?|\+=|\+\+|\+|[0-9][\w.']*|.)/s) { push @t, ['p', $&, $line]; $i += length $&; next }
    }
    return @t;
}

# The tokens of the argument list whose "(" is at $open: a list of arguments, each a list of tokens.
sub arguments {
    my ($t, $open) = @_;
    my @args = ([]);
    my $depth = 0;
    for (my $k = $open; $k < @$t; $k++) {
        my $v = $t->[$k][1];
        my $punct = $t->[$k][0] eq 'p';
        if ($punct && ($v eq '(' || $v eq '[' || $v eq '{')) { $depth++; next if $depth == 1 }
        if ($punct && ($v eq ')' || $v eq ']' || $v eq '}')) { $depth--; last if $depth == 0 }
        if ($punct && $v eq ',' && $depth == 1) { push @args, []; next }
        push @{$args[-1]}, $t->[$k];
    }
    return @args;
}

for my $file (@ARGV) {
    open my $fh, '<', $file or die "$file: $!\n";
    my $text = do { local $/; <$fh> };
    close $fh;
    my %exempt;
    my $ln = 0;
    for (split /\n/, $text, -1) {
        $ln++;
        if (m{//\s*sql-lint:\s*integer only\s*$}) { $exempt{$ln} = 1; print STDERR "sql_lint: exempt $file:$ln: $_\n" }
    }
    my @t = tokens($text);
    # Names declared as literal SQL: `const char* NAME`, `const char NAME[]`, `constexpr ... NAME`.
    my %literal_name;
    for (my $k = 0; $k + 2 < @t; $k++) {
        next unless $t[$k][1] eq 'char';
        my $m = $k + 1;
        $m++ while $m < @t && ($t[$m][1] eq '*' || $t[$m][1] eq 'const');
        $literal_name{$t[$m][1]} = 1 if $m < @t && $t[$m][0] eq 'id';
    }
    my $report = sub {
        my ($line, $why) = @_;
        return if $exempt{$line};
        print "$file:$line: $why\n";
        $findings++;
    };
    for (my $k = 0; $k + 1 < @t; $k++) {
        my ($kind, $v, $line) = @{$t[$k]};
        # Rule 1: calls, and declarations `SQLite::Statement name(db, SQL)`.
        my $open;
        $open = $k + 1 if $kind eq 'id' && $t[$k + 1][1] eq '(' && $v =~ /^(?:stmt|exec|execAndGet|Statement|query|copy_in|copy_out)$/;
        $open = $k + 2 if $v eq 'Statement' && $k + 2 < @t && $t[$k + 1][0] eq 'id' && $t[$k + 2][1] eq '(';
        if (defined $open) {
            my @args = arguments(\@t, $open);
            my $sql = $v eq 'Statement' ? $args[1] : $args[0];
            next if !defined $sql || !@$sql;                      # st.exec(): runs a prepared statement
            next if grep { $_->[1] eq 'const' } @$sql;            # a declaration, not a call
            for my $tok (@$sql) {
                my ($tk, $tv) = @$tok;
                next if $tk eq 'str';
                next if $tk eq 'id' && ($tv =~ /^[A-Z][A-Z0-9_]*$/ || $literal_name{$tv});
                $report->($tok->[2], "SQL built at run time: '$tv' in the SQL of $v()");
                last;
            }
        }
        # Rule 2.
        if ($kind eq 'str' && $v =~ $sql_word) {
            my $prev = $k > 0 ? $t[$k - 1][1] : '';
            my $next = $t[$k + 1][1];
            if ($prev =~ /^(?:\+|\+=|<<)$/ || $next =~ /^(?:\+|<<)$/) {
                $report->($line, "SQL text joined with + or <<");
            } elsif ($prev eq '(' && $k > 1 && $t[$k - 2][1] =~ /^(?:format|append|format_to|sprintf|snprintf)$/) {
                $report->($line, "SQL text formatted with $t[$k - 2][1]()");
            }
        }
    }
}
exit($findings ? 1 : 0);
