//! Participants: the people invited. Personal data — it stays in this store, leaves only through
//! sync and the exports a user asks for. Lists are in Lao alphabetical order (`sala-text`).

pub mod attendance;
pub mod import;
pub mod participants;

use sala_core::api::ParticipantDraft;
use sala_core::model::{Attendance, Participant};
use sala_core::op::new_id;
use sala_core::text::check_short_text;
use sala_core::{ErrorCode, SalaError};

use crate::error::not_found;
use crate::log::table;
use crate::people::attendance::AttendanceTable;
use crate::people::participants::Participants;
use crate::{Result, Store};

impl Store {
    fn check_participant(&self, d: &ParticipantDraft) -> Result<ParticipantDraft> {
        let mut d = d.clone();
        d.name.en = d.name.en.trim().to_owned();
        d.name.lo = d.name.lo.trim().to_owned();
        if d.name.en.is_empty() && d.name.lo.is_empty() {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "name")
                .with("value", ""));
        }
        for s in [&d.name.en, &d.name.lo, &d.organisation, &d.contact] {
            check_short_text(s)?;
        }
        if let Some(g) = d.group_id.as_deref().filter(|g| !g.is_empty()) {
            d.group_id = Some(self.find_group(g)?.id);
        } else {
            d.group_id = None;
        }
        Ok(d)
    }

    pub fn participant(&self, id: &str) -> Result<Participant> {
        table::get::<Participants>(self.read(), id)?.ok_or_else(|| not_found("participant", id))
    }

    pub fn add_participant(&mut self, draft: &ParticipantDraft) -> Result<Participant> {
        let d = self.check_participant(draft)?;
        let workshop = self.current_workshop()?;
        let p = Participant {
            id: new_id(),
            workshop_id: workshop.id.clone(),
            name: d.name,
            organisation: d.organisation,
            stakeholder: d.stakeholder,
            gender: d.gender,
            contact: d.contact,
            consent: d.consent,
            group_id: d.group_id,
            deleted: false,
        };
        self.write(|w| w.create::<Participants>(&workshop.id, &p).map(|_| ()))?;
        Ok(p)
    }

    /// Replaces a participant's fields; one op per field that changed.
    pub fn update_participant(
        &mut self,
        id: &str,
        draft: &ParticipantDraft,
    ) -> Result<Participant> {
        let d = self.check_participant(draft)?;
        let p = self.participant(id)?;
        let ws = p.workshop_id.clone();
        self.write(|w| {
            if p.name != d.name {
                w.set::<Participants>(&ws, id, "name", &d.name)?;
            }
            if p.organisation != d.organisation {
                w.set::<Participants>(&ws, id, "organisation", &d.organisation)?;
            }
            if p.stakeholder != d.stakeholder {
                w.set::<Participants>(&ws, id, "stakeholder", d.stakeholder)?;
            }
            if p.gender != d.gender {
                w.set::<Participants>(&ws, id, "gender", d.gender)?;
            }
            if p.contact != d.contact {
                w.set::<Participants>(&ws, id, "contact", &d.contact)?;
            }
            if p.consent != d.consent {
                w.set::<Participants>(&ws, id, "consent", d.consent)?;
            }
            if p.group_id != d.group_id {
                w.set::<Participants>(&ws, id, "group_id", &d.group_id)?;
            }
            Ok(())
        })?;
        self.participant(id)
    }

    pub fn delete_participant(&mut self, id: &str) -> Result<Participant> {
        let p = self.participant(id)?;
        if !p.deleted {
            self.write(|w| w.delete::<Participants>(&p.workshop_id, id).map(|_| ()))?;
        }
        self.participant(id)
    }

    /// Brings a deleted participant back (the undo of a delete).
    pub fn restore_participant(&mut self, id: &str) -> Result<Participant> {
        let p = self.participant(id)?;
        if p.deleted {
            self.write(|w| w.restore::<Participants>(&p.workshop_id, id).map(|_| ()))?;
        }
        self.participant(id)
    }

    /// Checks a participant in (or out) for a day of the workshop.
    pub fn set_attendance(
        &mut self,
        participant_id: &str,
        day: u32,
        present: bool,
    ) -> Result<Attendance> {
        let p = self.participant(participant_id)?;
        let workshop = self.current_workshop()?;
        let days = workshop_days(&workshop.start_date, &workshop.end_date);
        if day == 0 || day > days {
            return Err(SalaError::new(ErrorCode::InvalidArgument)
                .with("name", "day")
                .with("value", day));
        }
        let existing = self
            .attendance(day)?
            .into_iter()
            .find(|a| a.participant_id == p.id);
        let row = self.write(|w| match existing {
            Some(a) if a.present == present => Ok(a),
            Some(a) => {
                w.set::<AttendanceTable>(&a.workshop_id, &a.id, "present", present)?;
                Ok(Attendance { present, ..a })
            }
            None => {
                let a = Attendance {
                    id: new_id(),
                    workshop_id: workshop.id.clone(),
                    participant_id: p.id.clone(),
                    day,
                    present,
                    deleted: false,
                };
                w.create::<AttendanceTable>(&workshop.id, &a)?;
                Ok(a)
            }
        })?;
        Ok(row)
    }

    /// The check-ins of one day.
    pub fn attendance(&self, day: u32) -> Result<Vec<Attendance>> {
        let workshop = self.current_workshop()?;
        Ok(
            table::list::<AttendanceTable>(self.read(), &workshop.id, false)?
                .into_iter()
                .filter(|a| a.day == day)
                .collect(),
        )
    }

    /// The live participants in Lao alphabetical order (by Lao name, else English name), Latin
    /// names after Lao ones.
    pub fn participants(&self) -> Result<Vec<Participant>> {
        let workshop = self.current_workshop()?;
        let mut all = table::list::<Participants>(self.read(), &workshop.id, false)?;
        let order = sala_text::LaoOrder::new();
        let key = |p: &Participant| {
            if p.name.lo.is_empty() {
                p.name.en.clone()
            } else {
                p.name.lo.clone()
            }
        };
        all.sort_by(|a, b| {
            order
                .compare(&key(a), &key(b))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(all)
    }
}

/// How many days a workshop has, from its dates (at least 1).
fn workshop_days(start: &str, end: &str) -> u32 {
    fn days(iso: &str) -> i64 {
        // Days since an epoch, by the civil-from-days algorithm (dates are checked on entry).
        let p: Vec<i64> = iso.split('-').filter_map(|x| x.parse().ok()).collect();
        let (y, m, d) = match p.as_slice() {
            [y, m, d] => (*y, *m, *d),
            _ => return 0,
        };
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }
    (days(end) - days(start) + 1).clamp(1, 366) as u32
}
