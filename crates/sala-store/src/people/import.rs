//! Importing the invitation list, read as a [`crate::sheet::Sheet`] (CSV or XLSX, measured and
//! bounded before anything is allocated). The file is read into a preview — each row as it
//! would be written, with its problems — and nothing is written until the import is confirmed;
//! then every good row is written in one transaction, so an error leaves nothing half-imported.
//! Every cell meets the same checks as typing does.

use std::collections::BTreeSet;

use sala_core::api::{ImportPreview, ImportProblem, ImportRow, ParticipantDraft, UiLanguage};
use sala_core::model::{Bilingual, Gender, Participant, Stakeholder};
use sala_core::op::new_id;
use sala_text::fold;

use crate::people::participants::Participants;
use crate::sheet::{Sheet, bad, read_sheet, refuse_if_problems};
use crate::{Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    NameLo,
    NameEn,
    Organisation,
    Category,
    Gender,
    Contact,
    Consent,
    Group,
}

fn column(header: &str) -> Option<Column> {
    let h = fold(header);
    let h = h.trim();
    let any = |names: &[&str]| names.iter().any(|n| fold(n) == h);
    Some(
        if any(&[
            "name_lo",
            "name (lao)",
            "lao name",
            "name lao",
            "ຊື່ (ລາວ)",
            "ຊື່ລາວ",
            "ຊື່ພາສາລາວ",
            "ຊື່ເປັນພາສາລາວ",
        ]) {
            Column::NameLo
        } else if any(&[
            "name_en",
            "name",
            "name (english)",
            "english name",
            "full name",
            "ຊື່",
            "ຊື່ (ອັງກິດ)",
            "ຊື່ພາສາອັງກິດ",
            "ຊື່ເປັນພາສາອັງກິດ",
        ]) {
            Column::NameEn
        } else if any(&[
            "organisation",
            "organization",
            "org",
            "agency",
            "ministry",
            "institution",
            "ອົງການຈັດຕັ້ງ",
            "ອົງການ",
            "ໜ່ວຍງານ",
        ]) {
            Column::Organisation
        } else if any(&[
            "category",
            "stakeholder",
            "stakeholder category",
            "stakeholder group",
            "sector",
            "ໝວດໝູ່",
            "ພາກສ່ວນ",
            "ກຸ່ມພາກສ່ວນ",
        ]) {
            Column::Category
        } else if any(&["gender", "sex", "ເພດ"]) {
            Column::Gender
        } else if any(&[
            "contact",
            "email",
            "e-mail",
            "phone",
            "telephone",
            "ອີເມວ",
            "ເບີໂທ",
            "ຕິດຕໍ່",
        ]) {
            Column::Contact
        } else if any(&["consent", "may be named", "named in reports", "ຍິນຍອມ"]) {
            Column::Consent
        } else if any(&["group", "table", "ກຸ່ມ"]) {
            Column::Group
        } else {
            return None;
        },
    )
}

const STAKEHOLDERS: [(Stakeholder, &str); 6] = [
    (Stakeholder::Government, "government"),
    (Stakeholder::PrivateSector, "private_sector"),
    (Stakeholder::CivilSociety, "civil_society"),
    (Stakeholder::Academia, "academia"),
    (Stakeholder::DevelopmentPartner, "development_partner"),
    (Stakeholder::InternationalExpert, "international_expert"),
];

/// A category written as its code, its English or Lao label (from the locale files), or a
/// common short form.
fn category(value: &str) -> Option<Stakeholder> {
    let v = fold(value);
    let v = v.trim();
    let short = |s: Stakeholder| -> &'static [&'static str] {
        match s {
            Stakeholder::Government => &["gov", "govt", "public sector"],
            Stakeholder::PrivateSector => &["private", "business"],
            Stakeholder::CivilSociety => &["cso", "ngo", "civil society organisation"],
            Stakeholder::Academia => &["academic", "university", "think tank"],
            Stakeholder::DevelopmentPartner => &["un", "development partner", "donor"],
            Stakeholder::InternationalExpert => &["expert", "international"],
        }
    };
    STAKEHOLDERS.iter().find_map(|(s, code)| {
        let key = format!("stakeholder.{code}");
        let labels = [
            (*code).to_owned(),
            code.replace('_', " "),
            sala_i18n::message(UiLanguage::En, &key, &[]),
            sala_i18n::message(UiLanguage::Lo, &key, &[]),
        ];
        let hit = labels.iter().any(|l| fold(l) == v) || short(*s).contains(&v);
        hit.then_some(*s)
    })
}

fn gender(value: &str) -> Option<Gender> {
    let v = fold(value);
    let v = v.trim();
    let is = |names: &[&str], key: &str| {
        names.contains(&v)
            || fold(&sala_i18n::message(UiLanguage::En, key, &[])) == v
            || fold(&sala_i18n::message(UiLanguage::Lo, key, &[])) == v
    };
    if v.is_empty()
        || is(
            &["undisclosed", "not said", "-"],
            "people.genders.undisclosed",
        )
    {
        Some(Gender::Undisclosed)
    } else if is(
        &["f", "female", "woman", "w", "ຍິງ", "ຜູ້ຍິງ"],
        "people.genders.female",
    ) {
        Some(Gender::Female)
    } else if is(&["m", "male", "man", "ຊາຍ", "ຜູ້ຊາຍ"], "people.genders.male") {
        Some(Gender::Male)
    } else if is(&["other", "o"], "people.genders.other") {
        Some(Gender::Other)
    } else {
        None
    }
}

fn consent(value: &str) -> bool {
    matches!(
        fold(value).trim(),
        "yes" | "y" | "true" | "1" | "x" | "✓" | "ແມ່ນ" | "ຍິນຍອມ"
    )
}

impl Store {
    /// Reads a participant list into a preview. Writes nothing.
    pub fn preview_participants(&self, file_name: &str, bytes: &[u8]) -> Result<ImportPreview> {
        let Sheet { header, rows } = read_sheet(file_name, bytes)?;
        let columns = Columns::of(&header);
        if !columns.has(Column::NameLo) && !columns.has(Column::NameEn) {
            return Err(bad("no name column (name, name_lo, name_en, ຊື່)"));
        }
        // Names already in the workshop, and those of the rows before: a second is a duplicate.
        let mut seen: BTreeSet<String> = self
            .participants()?
            .iter()
            .flat_map(|p: &Participant| [fold(&p.name.lo), fold(&p.name.en)])
            .filter(|n| !n.is_empty())
            .collect();
        let mut out = Vec::new();
        for (line, cells) in rows {
            let mut row = self.participant_row(&columns, &cells, line);
            let name = &row.draft.name;
            let shown = if name.lo.is_empty() {
                &name.en
            } else {
                &name.lo
            };
            let key = fold(shown);
            if !key.is_empty() && !seen.insert(key) {
                let name = shown.clone();
                row.problems.push(ImportProblem::Duplicate { name });
            }
            out.push(row);
        }
        let (recognised, ignored) = columns.recognised_and_ignored();
        Ok(ImportPreview {
            rows: out,
            columns: recognised,
            ignored_columns: ignored,
        })
    }

    /// One row of an invitation list as a participant, with its problems (all but duplicates).
    fn participant_row(&self, columns: &Columns<'_>, cells: &[String], line: u32) -> ImportRow {
        let cell = |c: Column| columns.cell(cells, c);
        let mut problems = Vec::new();
        let name = Bilingual {
            en: cell(Column::NameEn).to_owned(),
            lo: cell(Column::NameLo).to_owned(),
        };
        if name.en.is_empty() && name.lo.is_empty() {
            problems.push(ImportProblem::MissingName);
        }
        let raw_category = cell(Column::Category);
        let stakeholder = category(raw_category);
        if !raw_category.is_empty() && stakeholder.is_none() {
            problems.push(ImportProblem::UnknownCategory {
                value: raw_category.to_owned(),
            });
        }
        let raw_gender = cell(Column::Gender);
        let gender = gender(raw_gender).unwrap_or_else(|| {
            problems.push(ImportProblem::UnknownGender {
                value: raw_gender.to_owned(),
            });
            Gender::Undisclosed
        });
        let raw_group = cell(Column::Group);
        let group_id = (!raw_group.is_empty())
            .then(|| match self.find_group(raw_group) {
                Ok(g) => Some(g.id),
                Err(_) => {
                    problems.push(ImportProblem::UnknownGroup {
                        value: raw_group.to_owned(),
                    });
                    None
                }
            })
            .flatten();
        // The same limits as typing a participant in (`Store::add_participant`).
        for column in [
            Column::NameEn,
            Column::NameLo,
            Column::Organisation,
            Column::Contact,
        ] {
            if let Err(e) = sala_core::text::check_short_text(cell(column)) {
                let num = |k: &str| {
                    e.params
                        .get(k)
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(u32::MAX)
                };
                problems.push(ImportProblem::TooLong {
                    column: columns.header_of(column),
                    length: num("length"),
                    max: num("max"),
                });
            }
        }
        ImportRow {
            line,
            draft: ParticipantDraft {
                name,
                organisation: cell(Column::Organisation).to_owned(),
                stakeholder,
                gender,
                contact: cell(Column::Contact).to_owned(),
                consent: consent(cell(Column::Consent)),
                group_id,
            },
            problems,
        }
    }

    /// Imports a participant list: every row, or with `skip_bad` the rows without problems, in
    /// one transaction. Refused, writing nothing, when rows have problems and `skip_bad` is off.
    /// Returns how many were imported.
    pub fn import_participants(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        skip_bad: bool,
    ) -> Result<u32> {
        let preview = self.preview_participants(file_name, bytes)?;
        refuse_if_problems(
            preview
                .rows
                .iter()
                .filter(|r| !r.problems.is_empty())
                .count(),
            skip_bad,
        )?;
        let workshop = self.current_workshop()?;
        self.write(|w| {
            let mut n = 0;
            for row in preview.rows.iter().filter(|r| r.problems.is_empty()) {
                let d = &row.draft;
                let p = Participant {
                    id: new_id(),
                    workshop_id: workshop.id.clone(),
                    name: d.name.clone(),
                    organisation: d.organisation.clone(),
                    stakeholder: d.stakeholder,
                    gender: d.gender,
                    contact: d.contact.clone(),
                    consent: d.consent,
                    group_id: d.group_id.clone(),
                    deleted: false,
                };
                w.create::<Participants>(&workshop.id, &p)?;
                n += 1;
            }
            Ok(n)
        })
    }
}

/// A sheet's header read as participant columns (unrecognised ones kept, to say they are ignored).
struct Columns<'a> {
    header: &'a [String],
    columns: Vec<Option<Column>>,
}

impl<'a> Columns<'a> {
    fn of(header: &'a [String]) -> Self {
        Columns {
            header,
            columns: header.iter().map(|h| column(h)).collect(),
        }
    }

    fn position(&self, c: Column) -> Option<usize> {
        self.columns.iter().position(|x| *x == Some(c))
    }

    fn has(&self, c: Column) -> bool {
        self.position(c).is_some()
    }

    /// A row's cell in column `c`; empty when the sheet has no such column or the row is short.
    fn cell<'r>(&self, cells: &'r [String], c: Column) -> &'r str {
        self.position(c)
            .and_then(|i| cells.get(i))
            .map_or("", String::as_str)
    }

    /// The heading the sheet gives column `c`.
    fn header_of(&self, c: Column) -> String {
        self.position(c)
            .and_then(|i| self.header.get(i))
            .cloned()
            .unwrap_or_default()
    }

    /// The headings Sala reads, and those it leaves alone.
    fn recognised_and_ignored(&self) -> (Vec<String>, Vec<String>) {
        let (used, ignored): (Vec<_>, Vec<_>) = self
            .header
            .iter()
            .zip(&self.columns)
            .partition(|(_, c)| c.is_some());
        let names =
            |v: Vec<(&String, &Option<Column>)>| v.into_iter().map(|(h, _)| h.clone()).collect();
        (names(used), names(ignored))
    }
}
