// The Boost.Test runner's entry point; suites register themselves from their own files.
#define BOOST_TEST_MODULE watchdesk
#include <boost/test/unit_test.hpp>
