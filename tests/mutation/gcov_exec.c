/* Linked into the mutation harness's coverage build only (mutate.py, EXEC_WRAP). gcc writes a child's coverage
   counters before it runs another program only when it knows execvp() as a builtin, which -std=c++20 (not
   gnu++20) turns off: the lines of backup.cpp's child, between fork() and execvp("pg_dump"), looked never run,
   and their mutants "not covered". The link's --wrap=execvp sends every execvp() here first. And a child whose
   execvp() fails goes on to its message and _exit(), which writes no counters either: --wrap=_exit writes them,
   the counters written before execvp() having been zeroed (a second dump alone would write nothing). */
extern void __gcov_dump(void);
extern void __gcov_reset(void);
extern int __real_execvp(const char* file, char* const argv[]);
extern void __real__exit(int status) __attribute__((noreturn));

int __wrap_execvp(const char* file, char* const argv[]) {
    __gcov_dump();
    const int failed = __real_execvp(file, argv); /* returns only when the program could not be run */
    __gcov_reset();
    return failed;
}

void __wrap__exit(int status) {
    __gcov_dump();
    __real__exit(status);
}
