//! A workshop's key (issue 8, decision 16): with one, every file Sala writes to the shared
//! folder or exports is encrypted and authenticated with **age** (X25519 recipients, ChaCha20-
//! Poly1305 payload) — no cryptography of Sala's own.
//!
//! The key is an age X25519 identity. The coordinator gives it to every laptop either
//! - as a **passphrase**: the identity's 32 bytes are derived with scrypt (N = 2^15, r = 8,
//!   p = 1) from the passphrase and a salt naming the workshop, so every laptop that types the
//!   same passphrase for the same workshop gets the same identity — once, when it is set, not
//!   per file; or
//! - as an age **identity file** (`AGE-SECRET-KEY-1…`, as `age-keygen` writes).
//!
//! The identity is kept in the laptop's own database (never in the shared folder). A file
//! encrypted to another key fails with [`KeyError::WrongKey`]; one changed after it was written
//! fails age's authentication with [`KeyError::Tampered`].

use std::io::{Read, Write};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use age::x25519;
use sala_core::{ErrorCode, SalaError};
use sala_store::Store;

/// What can go wrong with a key or a file encrypted with one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// A passphrase shorter than [`MIN_PASSPHRASE`] characters.
    #[error("passphrase too short")]
    TooShort,
    /// A passphrase longer than [`MAX_PASSPHRASE`] characters (a paste gone wrong).
    #[error("passphrase too long")]
    TooLong(usize),
    /// An identity file holds no age secret key.
    #[error("not an age identity file")]
    NotAnIdentity,
    /// The file was encrypted to another key.
    #[error("encrypted with another key")]
    WrongKey,
    /// The file does not decrypt: changed or damaged after it was written.
    #[error("changed or damaged after it was written: {0}")]
    Tampered(String),
}

/// The shortest and longest passphrase accepted, in characters.
pub const MIN_PASSPHRASE: usize = 8;
pub const MAX_PASSPHRASE: usize = 1_000;

/// A workshop's key.
#[derive(Clone)]
pub struct Key {
    identity: x25519::Identity,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        write!(f, "Key({})", self.public())
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.public() == other.public()
    }
}

impl Key {
    /// The key of `workshop_id` derived from `passphrase` (surrounding spaces and the Unicode
    /// form of the text do not matter).
    pub fn from_passphrase(passphrase: &str, workshop_id: &str) -> Result<Key, KeyError> {
        let text: String = passphrase.trim().to_owned();
        let length = text.chars().count();
        if length < MIN_PASSPHRASE {
            return Err(KeyError::TooShort);
        }
        if length > MAX_PASSPHRASE {
            return Err(KeyError::TooLong(length));
        }
        let salt = format!("sala/workshop-key/v1/{workshop_id}");
        let params = scrypt::Params::new(15, 8, 1, 32).map_err(|_| KeyError::TooShort)?;
        let mut secret = [0u8; 32];
        scrypt::scrypt(text.as_bytes(), salt.as_bytes(), &params, &mut secret)
            .map_err(|_| KeyError::TooShort)?;
        let hrp = bech32::Hrp::parse("age-secret-key-").map_err(|_| KeyError::NotAnIdentity)?;
        let encoded = bech32::encode::<bech32::Bech32>(hrp, &secret)
            .map_err(|_| KeyError::NotAnIdentity)?
            .to_uppercase();
        secret.fill(0);
        let identity = x25519::Identity::from_str(&encoded).map_err(|_| KeyError::NotAnIdentity)?;
        Ok(Key { identity })
    }

    /// The key in an age identity file (the first `AGE-SECRET-KEY-1…` line; `#` comments and
    /// blank lines are skipped).
    pub fn from_identity_file(text: &str) -> Result<Key, KeyError> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .find_map(|l| x25519::Identity::from_str(l).ok())
            .map(|identity| Key { identity })
            .ok_or(KeyError::NotAnIdentity)
    }

    /// A new random key, written as an identity file's line.
    pub fn generate() -> Key {
        Key {
            identity: x25519::Identity::generate(),
        }
    }

    /// The secret, as an identity file's line: what the laptop keeps.
    pub fn secret(&self) -> String {
        self.identity.to_string().expose_secret().to_owned()
    }

    /// The public half (`age1…`): names the key in file headers without revealing it.
    pub fn public(&self) -> String {
        self.identity.to_public().to_string()
    }

    pub fn encrypt(&self, plain: &[u8]) -> Vec<u8> {
        let recipient = self.identity.to_public();
        let mut out = Vec::with_capacity(plain.len() + 256);
        // Writing to memory with a recipient we made cannot fail.
        if let Ok(encryptor) =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            && let Ok(mut w) = encryptor.wrap_output(&mut out)
        {
            let _ = w.write_all(plain);
            let _ = w.finish();
        }
        out
    }

    pub fn decrypt(&self, cipher: &[u8]) -> Result<Vec<u8>, KeyError> {
        let tampered = |e: &dyn std::fmt::Display| KeyError::Tampered(e.to_string());
        let decryptor = age::Decryptor::new_buffered(cipher).map_err(|e| tampered(&e))?;
        let mut reader = decryptor
            .decrypt(std::iter::once(&self.identity as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => KeyError::WrongKey,
                other => tampered(&other),
            })?;
        let mut plain = Vec::with_capacity(cipher.len());
        reader.read_to_end(&mut plain).map_err(|e| tampered(&e))?;
        Ok(plain)
    }
}

impl From<KeyError> for SalaError {
    fn from(e: KeyError) -> SalaError {
        match e {
            KeyError::TooShort => {
                SalaError::new(ErrorCode::PassphraseTooShort).with("min", MIN_PASSPHRASE)
            }
            KeyError::TooLong(length) => SalaError::new(ErrorCode::TextTooLong)
                .with("length", length)
                .with("max", MAX_PASSPHRASE),
            KeyError::NotAnIdentity => SalaError::new(ErrorCode::NotAKeyFile),
            KeyError::WrongKey => SalaError::new(ErrorCode::SyncWrongKey).with("file", ""),
            KeyError::Tampered(d) => SalaError::new(ErrorCode::SyncFileTampered)
                .with("file", "")
                .with("detail", d),
        }
    }
}

/// Where a workshop's key comes from.
#[derive(Clone, PartialEq, Eq)]
pub enum KeySource {
    Passphrase(String),
    /// The text of an age identity file.
    IdentityFile(String),
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            KeySource::Passphrase(_) => "Passphrase(…)",
            KeySource::IdentityFile(_) => "IdentityFile(…)",
        })
    }
}

impl KeySource {
    pub fn key(&self, workshop_id: &str) -> Result<Key, SalaError> {
        Ok(match self {
            KeySource::Passphrase(p) => Key::from_passphrase(p, workshop_id)?,
            KeySource::IdentityFile(text) => Key::from_identity_file(text)?,
        })
    }
}

/// The key this laptop keeps for a workshop, if any.
pub fn key_of(store: &Store, workshop_id: &str) -> Result<Option<Key>, SalaError> {
    match store.workshop_key(workshop_id)? {
        Some(secret) => Ok(Some(Key::from_identity_file(&secret)?)),
        None => Ok(None),
    }
}

/// Sets a workshop's key on this laptop: from then on its sync files and exports are
/// encrypted with it, and only files encrypted with it are read; all its work goes out again.
pub fn set_key(store: &mut Store, workshop_id: &str, source: &KeySource) -> Result<Key, SalaError> {
    let key = source.key(workshop_id)?;
    store.set_workshop_key(workshop_id, &key.secret())?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_passphrase_gives_the_same_key_for_a_workshop_only() {
        let a = Key::from_passphrase("ວຽງຈັນ 2026 data", "w1").unwrap();
        let b = Key::from_passphrase("  ວຽງຈັນ 2026 data ", "w1").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, Key::from_passphrase("ວຽງຈັນ 2026 data", "w2").unwrap());
        assert_ne!(a, Key::from_passphrase("ວຽງຈັນ 2026 date", "w1").unwrap());
        assert_eq!(Key::from_passphrase("short", "w1"), Err(KeyError::TooShort));
        assert_eq!(
            Key::from_passphrase(&"ກ".repeat(1_001), "w1"),
            Err(KeyError::TooLong(1_001))
        );
        // What the laptop keeps reads back as the same key; the public half names it.
        assert_eq!(Key::from_identity_file(&a.secret()).unwrap(), a);
        assert!(a.public().starts_with("age1"));
        assert!(!format!("{a:?}").contains(&a.secret()));
    }

    #[test]
    fn a_file_opens_with_its_key_only_and_not_once_changed() {
        let key = Key::generate();
        let text = "ບັນທຶກ · note".as_bytes();
        let sealed = key.encrypt(text);
        assert!(
            !sealed.windows(text.len()).any(|w| w == text),
            "no plain text"
        );
        assert_eq!(key.decrypt(&sealed).unwrap(), text);
        assert_eq!(Key::generate().decrypt(&sealed), Err(KeyError::WrongKey));
        for i in [sealed.len() / 2, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            assert!(
                matches!(key.decrypt(&bad), Err(KeyError::Tampered(_))),
                "byte {i}"
            );
        }
    }

    #[test]
    fn an_identity_file_is_read_past_its_comments() {
        let key = Key::generate();
        let file = format!(
            "# created: 2026-11-28\n# public key: {}\n\n{}\n",
            key.public(),
            key.secret()
        );
        assert_eq!(Key::from_identity_file(&file).unwrap(), key);
        assert_eq!(
            Key::from_identity_file("# nothing\n"),
            Err(KeyError::NotAnIdentity)
        );
    }
}
