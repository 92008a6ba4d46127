#include "app.hpp"

#include <iostream>

int main(int argc, char** argv) {
    return asnbelajar::cli::run(argc, argv, std::cout, std::cerr);
}
