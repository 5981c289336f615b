//! The device id, and detection of a database copied to another machine or path.
//!
//! The id is stored in `meta` together with a fingerprint of where it was minted: the machine
//! id and the database file's absolute path. When the fingerprint no longer matches, the file
//! was copied (or moved), and a new device id is minted so that two laptops never write ops
//! under one id. Earlier ids are kept in `meta.previous_device_ids` for provenance.

use std::path::Path;

use rusqlite::Connection;

use crate::Result;
use crate::db::meta;

/// What identifies this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineIdentity(pub String);

impl MachineIdentity {
    /// `SALA_MACHINE_ID` when set (tests use it to play a second machine), else the OS machine
    /// id (`/etc/machine-id`), else the host name.
    pub fn detect() -> MachineIdentity {
        if let Some(id) = std::env::var("SALA_MACHINE_ID")
            .ok()
            .filter(|v| !v.trim().is_empty())
        {
            return MachineIdentity(id.trim().to_owned());
        }
        for file in [
            "/etc/machine-id",
            "/var/lib/dbus/machine-id",
            "/etc/hostname",
        ] {
            if let Ok(text) = std::fs::read_to_string(file)
                && !text.trim().is_empty()
            {
                return MachineIdentity(text.trim().to_owned());
            }
        }
        for var in ["COMPUTERNAME", "HOSTNAME"] {
            if let Ok(v) = std::env::var(var) {
                return MachineIdentity(v);
            }
        }
        MachineIdentity("unknown-machine".into())
    }
}

/// Returns this database's device id for this machine and path, minting one when needed.
pub fn settle_device_id(
    conn: &Connection,
    machine: &MachineIdentity,
    path: &Path,
) -> Result<String> {
    let fingerprint = format!("{}|{}", machine.0, path.display());
    let current = meta::get(conn, meta::DEVICE_ID)?;
    let minted_for = meta::get(conn, meta::DEVICE_FINGERPRINT)?;
    if let (Some(id), Some(fp)) = (&current, &minted_for)
        && *fp == fingerprint
    {
        return Ok(id.clone());
    }
    let new_id = replace_id(conn, current)?;
    meta::set(conn, meta::DEVICE_FINGERPRINT, &fingerprint)?;
    Ok(new_id)
}

/// Mints a new device id for this database where it is (another laptop was found writing under
/// the current one), keeping the old one in `previous_device_ids`.
pub fn mint_new(conn: &Connection) -> Result<String> {
    let current = meta::get(conn, meta::DEVICE_ID)?;
    replace_id(conn, current)
}

fn replace_id(conn: &Connection, current: Option<String>) -> Result<String> {
    let new_id = uuid::Uuid::now_v7().to_string();
    if let Some(old) = current {
        let mut previous = meta::get(conn, meta::PREVIOUS_DEVICE_IDS)?.unwrap_or_default();
        if !previous.is_empty() {
            previous.push(',');
        }
        previous.push_str(&old);
        meta::set(conn, meta::PREVIOUS_DEVICE_IDS, &previous)?;
    }
    meta::set(conn, meta::DEVICE_ID, &new_id)?;
    Ok(new_id)
}
