//! Strings read back from docbao's cache with their UTF-8 checked by `simdutf8` (std's check
//! was the largest part of reading contents back). The cache writes strings as postcard writes
//! bytes, so they are read as bytes: `#[serde(deserialize_with = "crate::text::de::text")]`.

use serde::Deserialize;

pub fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_bytes(Text)
}

pub fn texts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<Owned>::deserialize(d).map(|v| v.into_iter().map(|t| t.0).collect())
}

pub fn maybe_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Owned>::deserialize(d).map(|t| t.map(|t| t.0))
}

/// A `String` read by `text`.
struct Owned(String);

impl<'de> Deserialize<'de> for Owned {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Owned, D::Error> {
        text(d).map(Owned)
    }
}

struct Text;

impl serde::de::Visitor<'_> for Text {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("UTF-8 text")
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<String, E> {
        simdutf8::basic::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Bytes(bytes), &self))
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<String, E> {
        Ok(s.to_owned())
    }
}

/// Bytes docbao wrote as a string, read in place with their UTF-8 not yet checked: for the
/// many strings a lookup reads past (every folder's names, every article's title) to use a
/// few, each checked when it is used (`corpus::lookup::segment::text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Raw<'a>(pub &'a [u8]);

impl AsRef<[u8]> for Raw<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Raw<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Raw<'a>, D::Error> {
        struct Borrowed;
        impl<'de> serde::de::Visitor<'de> for Borrowed {
            type Value = Raw<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_bytes<E: serde::de::Error>(
                self,
                v: &'de [u8],
            ) -> Result<Raw<'de>, E> {
                Ok(Raw(v))
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Raw<'de>, E> {
                Ok(Raw(v.as_bytes()))
            }
        }
        d.deserialize_bytes(Borrowed)
    }
}
