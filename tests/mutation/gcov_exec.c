/* Linked into the mutation harness's coverage build only (mutate.py, EXEC_WRAP). gcc writes a child's coverage
   counters before it runs another program only when it knows execvp() as a builtin, which -std=c++20 (not
   gnu++20) turns off: the lines of backup.cpp's child, between fork() and execvp("pg_dump"), looked never run,
   and their mutants "not covered". The link's --wrap=execvp sends every execvp() here first. */
extern void __gcov_dump(void);
extern int __real_execvp(const char* file, char* const argv[]);

int __wrap_execvp(const char* file, char* const argv[]) {
    __gcov_dump();
    return __real_execvp(file, argv);
}
