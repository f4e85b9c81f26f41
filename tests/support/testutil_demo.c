/* The demo county as a test fixture. It is built by the app layer, so a test that uses it
 * links kp_app as well as the layer it tests (tests/CMakeLists.txt). */
#include "testutil.h"

#include "app/demo_county.h"
#include "db/store.h"

struct store *test_store_demo(char **dir)
{
    struct store *st = test_store_new(dir);
    assert_non_null(st);
    assert_int_equal(store_begin(st), STORE_OK);
    assert_int_equal(demo_county_build(st), STORE_OK);
    assert_int_equal(store_commit(st), STORE_OK);
    return st;
}
