//! The shared test helpers (tests/common) checked on their own, where that needs no engine. The
//! harness's smoke tests on the private swarms are in tests/engine/harness.rs.

mod common;

use common::{is_dns_label, unique_prefix};

#[test]
fn names_are_unique_dns_labels() {
    let long = "module::a_very_long_test_name_that_goes_on_and_on_and_on";
    let prefix = unique_prefix(long, 4_194_304, 123_456);
    assert_eq!(prefix, "t-a-very-long-test-nam-4194304-123456");
    assert!(
        is_dns_label(&format!("{prefix}-twenty-characters-x")),
        "{prefix}"
    );
    assert_ne!(unique_prefix("x", 1, 1), unique_prefix("x", 1, 2));
    assert_ne!(unique_prefix("x", 1, 1), unique_prefix("x", 2, 1));
    assert_eq!(unique_prefix("__", 7, 0), "t-test-7-0");
    assert!(!is_dns_label("Upper"));
    assert!(!is_dns_label("1abc"));
    assert!(!is_dns_label("abc-"));
    assert!(!is_dns_label(&"a".repeat(64)));
}
