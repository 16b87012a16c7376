//! The units of resources and restart policies, written the docker compose way: memory sizes
//! (`"512M"`), numbers of CPUs (`"1.5"`) and durations (`"5s"`, `"1m30s"`). Parsing and
//! printing, pure; the rules say where a value is wrong, the model keeps the parsed values.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::Serialize;

/// A memory size in bytes, as docker's `--memory` and compose's `memory` take it: a number and an
/// optional unit `b`, `k`, `m`, `g`, `t` or `p` (any case, optionally followed by `b` or `ib`),
/// in binary multiples (`1k` is 1024 bytes), e.g. `"512M"`, `"1.5g"`, `"256MiB"`, `"1048576"`.
/// A fraction of a byte is dropped, as docker does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Size(u64);

/// The largest size: what the engine's field (a signed 64-bit number of bytes) holds.
const MAX_BYTES: u64 = i64::MAX as u64;

impl Size {
    pub fn from_bytes(bytes: u64) -> Self {
        Size(bytes.min(MAX_BYTES))
    }

    pub fn bytes(self) -> u64 {
        self.0
    }
}

impl FromStr for Size {
    type Err = String;

    /// The error says what is wrong with the text, to follow "the memory ...".
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let number_end = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let (number, rest) = text.split_at(number_end);
        let unit = rest.strip_prefix(' ').unwrap_or(rest);
        let multiplier = match unit.to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "k" | "kb" | "kib" => 1u64 << 10,
            "m" | "mb" | "mib" => 1 << 20,
            "g" | "gb" | "gib" => 1 << 30,
            "t" | "tb" | "tib" => 1 << 40,
            "p" | "pb" | "pib" => 1 << 50,
            _ if number.is_empty() => {
                return Err("does not start with a number".to_string());
            }
            _ => return Err(format!("has the unit `{unit}`: use b, k, m, g or t")),
        };
        let decimal = Decimal::parse(number).ok_or_else(|| match number {
            "" => "has no number".to_string(),
            _ => format!("has `{number}` where a number belongs"),
        })?;
        decimal
            .times(multiplier)
            .filter(|bytes| *bytes <= u128::from(MAX_BYTES))
            .map(|bytes| Size(bytes as u64))
            .ok_or_else(|| "is larger than the engine can hold".to_string())
    }
}

/// The shortest exact way to write a size: `512M`, `1536M`, `1G`, `6291457` (bytes).
impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (shift, unit) in [(50, "P"), (40, "T"), (30, "G"), (20, "M"), (10, "K")] {
            let multiple = 1u64 << shift;
            if self.0 >= multiple && self.0 % multiple == 0 {
                return write!(f, "{}{unit}", self.0 / multiple);
            }
        }
        write!(f, "{}", self.0)
    }
}

/// A number of CPUs, as docker's `--cpus` and compose's `cpus` take it (`"0.5"`, `"2"`), kept in
/// billionths of a CPU as the engine does: at most 9 decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Cpus(u64);

const NANO: u64 = 1_000_000_000;

impl Cpus {
    pub fn from_nanos(nanos: u64) -> Self {
        Cpus(nanos.min(MAX_BYTES))
    }

    /// Billionths of a CPU (the engine's `NanoCPUs`).
    pub fn nanos(self) -> u64 {
        self.0
    }
}

impl FromStr for Cpus {
    type Err = String;

    /// A plain decimal number; the error says what is wrong, to follow "`cpus` ...".
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Some(rest) = text.strip_prefix('-')
            && Decimal::parse(rest).is_some()
        {
            return Err(format!("is {text}: a number of CPUs is positive"));
        }
        let decimal = Decimal::parse(text)
            .ok_or_else(|| format!("is \"{}\", which is no number of CPUs", text.escape_debug()))?;
        if decimal.fraction.len() > 9 {
            return Err(format!(
                "is {text}: the engine counts CPUs in billionths, so at most 9 decimals"
            ));
        }
        let nanos = decimal
            .times(NANO)
            .filter(|nanos| *nanos <= u128::from(MAX_BYTES))
            .ok_or_else(|| format!("is {text}, larger than the engine can hold"))?;
        if nanos == 0 {
            return Err(format!("is {text}: a number of CPUs is positive"));
        }
        Ok(Cpus(nanos as u64))
    }
}

/// `0.5`, `2`, `0.001`.
impl fmt::Display for Cpus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / NANO, self.0 % NANO);
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        let digits = format!("{fraction:09}");
        write!(f, "{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// A decimal number as written: digits, optionally a dot and more digits.
struct Decimal<'a> {
    whole: &'a str,
    fraction: &'a str,
}

impl<'a> Decimal<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        let some_digit = !whole.is_empty() || !fraction.is_empty();
        let dot_alone = text.ends_with('.') && fraction.is_empty();
        (some_digit && digits(whole) && digits(fraction) && !dot_alone)
            .then_some(Decimal { whole, fraction })
    }

    /// The number times `multiplier`, with the fraction of the result dropped; `None` when it
    /// is far too large for anything here.
    fn times(&self, multiplier: u64) -> Option<u128> {
        let whole: u128 = match self.whole.trim_start_matches('0') {
            "" => 0,
            digits if digits.len() > 30 => return None,
            digits => digits.parse().ok()?,
        };
        let mut result = whole.checked_mul(u128::from(multiplier))?;
        // Digits of the fraction beyond what any multiplier here can turn into a whole unit
        // (2^50 has 16 digits) change nothing.
        let fraction = &self.fraction[..self.fraction.len().min(20)];
        if !fraction.is_empty() {
            let numerator: u128 = fraction.parse().ok()?;
            let denominator = 10u128.pow(fraction.len() as u32);
            result += numerator * u128::from(multiplier) / denominator;
        }
        Some(result)
    }
}

/// A duration as docker compose and Go write them: numbers with units, `"5s"`, `"1m30s"`,
/// `"500ms"`, `"1.5h"` (units `ns`, `us`, `ms`, `s`, `m`, `h`), or `"0"`. Not negative.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    if text.starts_with('-') {
        return Err(format!("is {text}: a duration is not negative"));
    }
    let body = text.strip_prefix('+').unwrap_or(text);
    if body.is_empty() {
        return Err("is empty: write a number and a unit, e.g. \"5s\"".to_string());
    }
    let mut total: u128 = 0;
    let mut rest = body;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_end);
        let unit_end = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_end);
        let nanos_per_unit: u64 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => NANO,
            "m" => 60 * NANO,
            "h" => 3600 * NANO,
            "" => {
                return Err(format!(
                    "is \"{}\": give each number a unit (ms, s, m or h), e.g. \"5s\"",
                    text.escape_debug()
                ));
            }
            other => {
                return Err(format!(
                    "has the unit `{}`: use ns, us, ms, s, m or h",
                    other.escape_debug()
                ));
            }
        };
        let decimal = Decimal::parse(number).ok_or_else(|| {
            format!(
                "is \"{}\", which is no duration such as \"5s\" or \"1m30s\"",
                text.escape_debug()
            )
        })?;
        let too_long = || format!("is {text}, longer than the engine can hold");
        total = decimal
            .times(nanos_per_unit)
            .and_then(|value| total.checked_add(value))
            .filter(|nanos| *nanos <= u128::from(MAX_BYTES))
            .ok_or_else(too_long)?;
        rest = next;
    }
    Ok(Duration::from_nanos(total as u64))
}

/// A duration the way `parse_duration` reads it back: `5s`, `1m30s`, `2h`, `500ms`, `1.5s`, `0s`.
pub fn duration_text(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    let second = u128::from(NANO);
    if nanos == 0 {
        return "0s".to_string();
    }
    if nanos < second {
        return match nanos {
            n if n % 1_000_000 == 0 => format!("{}ms", n / 1_000_000),
            n if n % 1_000 == 0 => format!("{}us", n / 1_000),
            n => format!("{n}ns"),
        };
    }
    let (hours, minutes) = (nanos / (3600 * second), nanos / (60 * second) % 60);
    let seconds = nanos % (60 * second);
    let mut text = String::new();
    if hours > 0 {
        text.push_str(&format!("{hours}h"));
    }
    if minutes > 0 {
        text.push_str(&format!("{minutes}m"));
    }
    if seconds > 0 {
        let (whole, fraction) = (seconds / second, seconds % second);
        match fraction {
            0 => text.push_str(&format!("{whole}s")),
            f => {
                let digits = format!("{f:09}");
                text.push_str(&format!("{whole}.{}s", digits.trim_end_matches('0')));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(text: &str) -> Result<u64, String> {
        text.parse::<Size>().map(Size::bytes)
    }

    #[test]
    fn sizes_parse_like_docker_memory() {
        assert_eq!(size("512M"), Ok(512 << 20));
        assert_eq!(size("512m"), Ok(512 << 20));
        assert_eq!(size("512MB"), Ok(512 << 20));
        assert_eq!(size("512MiB"), Ok(512 << 20));
        assert_eq!(size("512 M"), Ok(512 << 20));
        assert_eq!(size("1.5G"), Ok(3 << 29));
        assert_eq!(size("1g"), Ok(1 << 30));
        assert_eq!(size("64k"), Ok(64 << 10));
        assert_eq!(size("1048576"), Ok(1 << 20));
        assert_eq!(size("100b"), Ok(100));
        assert_eq!(size("0.5k"), Ok(512));
        assert_eq!(size(".5k"), Ok(512));
        assert_eq!(size("1.0001"), Ok(1), "a fraction of a byte is dropped");
        assert_eq!(size("2T"), Ok(2 << 40));
        assert_eq!(size("0"), Ok(0));
    }

    #[test]
    fn malformed_sizes_say_what_is_wrong() {
        for bad in [
            "", "M", "512X", "512MBB", "512  M", " 512M", "512M ", "1.2.3M", "-512M", "1e3",
            "5O0M", "512Mi", ".", "1.M", "８M",
        ] {
            assert!(size(bad).is_err(), "{bad:?} parsed");
        }
        assert!(size("512X").unwrap_err().contains("unit `X`"));
        assert!(size("M").unwrap_err().contains("number"));
        assert!(
            size("99999999999999999999999P")
                .unwrap_err()
                .contains("larger")
        );
        assert!(size("8193P").unwrap_err().contains("larger"));
    }

    #[test]
    fn sizes_print_in_the_largest_exact_unit() {
        let shown = |bytes: u64| Size::from_bytes(bytes).to_string();
        assert_eq!(shown(512 << 20), "512M");
        assert_eq!(shown(3 << 29), "1536M");
        assert_eq!(shown(1 << 30), "1G");
        assert_eq!(shown(6 * (1 << 20) + 1), "6291457");
        assert_eq!(shown(0), "0");
        for text in ["512M", "1G", "100", "1536M", "3K"] {
            assert_eq!(text.parse::<Size>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn cpus_are_positive_decimals_in_billionths() {
        let cpus = |text: &str| text.parse::<Cpus>().map(Cpus::nanos);
        assert_eq!(cpus("0.5"), Ok(500_000_000));
        assert_eq!(cpus("1.5"), Ok(1_500_000_000));
        assert_eq!(cpus("2"), Ok(2_000_000_000));
        assert_eq!(cpus(".25"), Ok(250_000_000));
        assert_eq!(cpus("0.000000001"), Ok(1));
        assert_eq!(cpus("1.50"), Ok(1_500_000_000));
        assert!(cpus("0").unwrap_err().contains("positive"));
        assert!(cpus("0.0").unwrap_err().contains("positive"));
        assert!(cpus("-1").unwrap_err().contains("positive"));
        assert!(cpus("0.0000000001").unwrap_err().contains("9 decimals"));
        assert!(cpus("99999999999").unwrap_err().contains("larger"));
        for bad in [
            "", "one", "1,5", "1.5.0", "1e2", "inf", "nan", " 1", "0x10", "+1", ".",
        ] {
            assert!(cpus(bad).is_err(), "{bad:?} parsed");
        }
        for text in ["0.5", "2", "0.001", "1.25"] {
            assert_eq!(text.parse::<Cpus>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn durations_parse_like_go() {
        let ms = |text: &str| parse_duration(text).map(|d| d.as_millis());
        assert_eq!(ms("5s"), Ok(5000));
        assert_eq!(ms("1m30s"), Ok(90_000));
        assert_eq!(ms("500ms"), Ok(500));
        assert_eq!(ms("1.5h"), Ok(5_400_000));
        assert_eq!(ms("2h45m"), Ok(9_900_000));
        assert_eq!(ms("0"), Ok(0));
        assert_eq!(ms("0s"), Ok(0));
        assert_eq!(ms("+10s"), Ok(10_000));
        assert_eq!(parse_duration("1us").unwrap().as_nanos(), 1000);
        assert_eq!(parse_duration("1µs").unwrap().as_nanos(), 1000);
        assert!(ms("-5s").unwrap_err().contains("negative"));
        assert!(ms("5").unwrap_err().contains("unit"));
        assert!(ms("5 s").is_err());
        assert!(ms("5d").unwrap_err().contains("unit `d`"));
        assert!(ms("").unwrap_err().contains("empty"));
        assert!(ms("100000000h").unwrap_err().contains("longer"));
        for bad in ["s", "1..5s", ".s", "5s5", "1e3s", "\u{202e}5s"] {
            assert!(ms(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn durations_print_as_they_are_read() {
        for (ms, text) in [
            (5000, "5s"),
            (90_000, "1m30s"),
            (500, "500ms"),
            (7_200_000, "2h"),
            (1500, "1.5s"),
            (0, "0s"),
            (3_601_000, "1h1s"),
        ] {
            let duration = Duration::from_millis(ms);
            assert_eq!(duration_text(duration), text);
            assert_eq!(parse_duration(text), Ok(duration));
        }
    }
}
