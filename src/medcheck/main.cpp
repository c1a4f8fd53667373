#include <medcheck/cli/medcheck_main.hpp>

#include <iostream>

int main(int argc, char** argv) {
    medcheck::cli::prepare_process();
    std::ios::sync_with_stdio(false);
    return medcheck::cli::medcheck_main(argc, argv, std::cin, std::cout, std::cerr);
}
