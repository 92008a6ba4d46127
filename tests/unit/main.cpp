// The unit tests' main: doctest's, after pointing the tests at the program's modules (asnbelajar-pdf.so,
// asnbelajar-pg.so, asnbelajar-xlsx.so) of this build tree, under ctest and when run by hand
// (`build/tests/unit_tests -tc=NAME`) alike; a variable already set is kept.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

int main(int argc, char** argv) {
    ::setenv("ASNBELAJAR_PDF_MODULE", ASNB_PDF_MODULE, 0);
    ::setenv("ASNBELAJAR_PG_MODULE", ASNB_PG_MODULE, 0);
    ::setenv("ASNBELAJAR_XLSX_MODULE", ASNB_XLSX_MODULE, 0);
    doctest::Context context;
    context.applyCommandLine(argc, argv);
    return context.run();
}
