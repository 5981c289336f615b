//! The measured harnesses' memory reading: a field of `/proc/self/status` in KB (`VmHWM:` the
//! peak resident set, `VmRSS:` the current one); 0 where there is no `/proc`.

pub fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
