/* The screen stack (ui/app.h): every push gets its own zeroed state, every function gets the
 * state of its own instance, and the state is freed after leave (a pushed-and-popped screen
 * leaves nothing behind; under ASan, LeakSanitizer checks the same at exit). */
#include "testutil.h"
#include <malloc.h>
#include <stdint.h>
#include <string.h>
#include "ui/app.h"

struct probe {
    int value;           /* the push's argument */
    unsigned char pad[4000]; /* zeroed at each push */
};

static void *entered[4], *left[4], *resumed[4];
static int n_entered, n_left, n_resumed;
static int left_value[4], resumed_value[4];
static bool was_zero[4];

static void probe_enter(void *self, const void *arg)
{
    struct probe *p = self;
    bool zero = p->value == 0;
    for (size_t i = 0; i < sizeof p->pad; i++)
        zero = zero && p->pad[i] == 0;
    if (n_entered < 4) {
        was_zero[n_entered] = zero;
        entered[n_entered++] = self;
    }
    p->value = (int)(intptr_t)arg;
    memset(p->pad, 0xab, sizeof p->pad); /* the next instance must not see this */
}

static void probe_leave(void *self)
{
    if (n_left < 4) {
        left_value[n_left] = ((struct probe *)self)->value;
        left[n_left++] = self;
    }
}

static void probe_resume(void *self)
{
    if (n_resumed < 4) {
        resumed_value[n_resumed] = ((struct probe *)self)->value;
        resumed[n_resumed++] = self;
    }
}

static void probe_draw(void *self)
{
    (void)self;
}

static const struct ui_screen probe = {
    .name = "probe",
    .size = sizeof(struct probe),
    .enter = probe_enter,
    .draw = probe_draw,
    .leave = probe_leave,
    .resume = probe_resume,
};

/* Resets the records (the stack itself lives in app.c for the whole program). */
static void reset(void)
{
    n_entered = n_left = n_resumed = 0;
}

static void two_instances_have_their_own_state(void **state)
{
    (void)state;
    reset();
    ui_push(&probe, (const void *)(intptr_t)1);
    ui_push(&probe, (const void *)(intptr_t)2);
    assert_int_equal(n_entered, 2);
    assert_non_null(entered[0]);
    assert_non_null(entered[1]);
    assert_ptr_not_equal(entered[0], entered[1]);
    assert_true(was_zero[0]);
    assert_true(was_zero[1]); /* not the first one's 0xab */

    ui_pop(); /* the second leaves with its own value; the first is uncovered intact */
    assert_int_equal(n_left, 1);
    assert_ptr_equal(left[0], entered[1]);
    assert_int_equal(left_value[0], 2);
    assert_int_equal(n_resumed, 1);
    assert_ptr_equal(resumed[0], entered[0]);
    assert_int_equal(resumed_value[0], 1);
    ui_pop();
    assert_ptr_equal(left[1], entered[0]);
    assert_int_equal(left_value[1], 1);
}

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* 1,000 pushes and pops of a 4 KB state: without the free after leave the heap would grow by
 * about 4 MB. (Under ASan the allocator is ASan's and mallinfo2 reports glibc's unused arena;
 * LeakSanitizer at exit does this check there.) */
static void popped_state_is_freed(void **state)
{
    (void)state;
    ui_push(&probe, NULL); /* one push first, so the stack's own growth is not counted */
    ui_pop();
    size_t before = heap_in_use();
    for (int i = 0; i < 1000; i++) {
        reset();
        ui_push(&probe, (const void *)(intptr_t)i);
        ui_pop();
        assert_ptr_equal(left[0], entered[0]);
    }
    size_t after = heap_in_use();
    assert_true(after < before + 64 * 1024);
}

int main(void)
{
    /* The bottom screen: popping it would end the loop, so the probes go above it. */
    ui_push(&probe, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_instances_have_their_own_state),
        cmocka_unit_test(popped_state_is_freed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
