//! The clipboard through the terminal (OSC 52, which works over SSH and inside tmux), and web
//! pages through $BROWSER.

use std::io;
use std::process::{Command, Stdio};

use base64::Engine as _;

/// The most text copied at once: terminals drop longer OSC 52 sequences (xterm's limit is
/// about 100 KB of base64).
pub const MAX_COPY: usize = 74 * 1024;

/// The escape sequence that puts `text` on the system clipboard. Inside tmux it is sent
/// twice: as is, for tmux's own clipboard (`set-clipboard on`), and wrapped for tmux to pass
/// through to the outer terminal (`allow-passthrough on`).
pub fn osc52(text: &str, inside_tmux: bool) -> Vec<u8> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{encoded}\x07");
    let mut out = plain.clone().into_bytes();
    if inside_tmux {
        // In a DCS passthrough every ESC is doubled.
        out.extend_from_slice(b"\x1bPtmux;");
        out.extend_from_slice(plain.replace('\x1b', "\x1b\x1b").as_bytes());
        out.extend_from_slice(b"\x1b\\");
    }
    out
}

/// Whether `url` may be handed to a browser: a web address, never something a browser would
/// take for an option or a local command.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_whitespace)
}

/// Opens `url` with `browser`, the value of $BROWSER: commands separated by ":", the first
/// that starts wins; "%s" in a command stands for the address, else it comes last. No shell
/// is involved, so the address is one argument whatever it holds.
pub fn browse(browser: &str, url: &str) -> io::Result<()> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "$BROWSER names no command");
    for command in browser.split(':').filter(|c| !c.trim().is_empty()) {
        let mut words = command.split_whitespace();
        let Some(program) = words.next() else {
            continue;
        };
        let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
        if !command.contains("%s") {
            args.push(url.to_owned());
        }
        match Command::new(program)
            .args(&args)
            .stdin(Stdio::inherit())
            .status()
        {
            Ok(status) if status.success() => return Ok(()),
            Ok(status) => {
                return Err(io::Error::other(format!("{program} exited with {status}")));
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        let out = osc52("Công an", false);
        assert_eq!(out, b"\x1b]52;c;Q8O0bmcgYW4=\x07");
        let tmux = String::from_utf8(osc52("a", true)).expect("ascii");
        assert_eq!(
            tmux,
            "\x1b]52;c;YQ==\x07\x1bPtmux;\x1b\x1b]52;c;YQ==\x07\x1b\\"
        );
    }

    #[test]
    fn only_web_addresses_are_opened() {
        assert!(is_web_address("https://vnexpress.net/a-1.html"));
        assert!(is_web_address("HTTP://example.com"));
        for bad in [
            "--new-window=x",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://a b",
            "",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn browser_commands_fall_through_and_take_the_address() {
        assert!(browse("docbao-no-such-browser:true", "https://a.vn").is_ok());
        assert!(browse("false", "https://a.vn").is_err());
        assert!(browse("docbao-no-such-browser", "https://a.vn").is_err());
        assert!(browse("", "https://a.vn").is_err());
        // "%s" is replaced: `test X = X` succeeds only if the address took its place.
        // (An address without ":" here, since ":" separates commands in $BROWSER.)
        assert!(browse("test %s = page", "page").is_ok());
        assert!(browse("test %s = other", "page").is_err());
        // Without "%s" the address comes last: `test page` succeeds, `test` alone fails.
        assert!(browse("test", "page").is_ok());
        assert!(browse("test", "").is_err());
    }
}
