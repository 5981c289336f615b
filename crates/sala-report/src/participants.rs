//! The participant list (issue 8): the one export that holds personal data — names, contacts,
//! whether each person consented to be named — as CSV or XLSX. It is its own action, labelled as
//! personal data wherever it is offered, and never part of another report (the summary report
//! names only those who consented, and only when asked). It cannot be anonymised.

use rust_xlsxwriter::{Format, Workbook};
use sala_core::api::Dump;
use sala_core::{ErrorCode, SalaError};

use crate::ReportLang;
use crate::actions::{csv_bytes, filter_and_freeze, sheet_name, xlsx_error};
use crate::summary::code;

fn header(lang: ReportLang) -> Vec<String> {
    [
        "people.name_lo",
        "people.name_en",
        "people.organisation",
        "report.by_stakeholder",
        "people.gender",
        "people.contact",
        "people.consent",
        "conflicts.entity.group",
        "participants_export.days",
    ]
    .iter()
    .map(|k| lang.t(k, &[]))
    .collect()
}

/// One row per participant not in the trash, in the order of their names.
pub fn rows(dump: &Dump, lang: ReportLang) -> Vec<Vec<String>> {
    let mut people: Vec<_> = dump.participants.iter().filter(|p| !p.deleted).collect();
    people.sort_by(|a, b| {
        let key = |p: &sala_core::model::Participant| {
            (
                if p.name.lo.is_empty() {
                    p.name.en.clone()
                } else {
                    p.name.lo.clone()
                },
                p.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    people
        .into_iter()
        .map(|p| {
            let mut days: Vec<u32> = dump
                .attendance
                .iter()
                .filter(|a| a.participant_id == p.id && a.present && !a.deleted)
                .map(|a| a.day)
                .collect();
            days.sort_unstable();
            days.dedup();
            vec![
                p.name.lo.clone(),
                p.name.en.clone(),
                p.organisation.clone(),
                p.stakeholder
                    .map(|s| lang.t(&format!("stakeholder.{}", code(&s)), &[]))
                    .unwrap_or_else(|| lang.t("stakeholder.none", &[])),
                lang.t(&format!("people.genders.{}", code(&p.gender)), &[]),
                p.contact.clone(),
                lang.t(
                    if p.consent {
                        "participants_export.yes"
                    } else {
                        "participants_export.no"
                    },
                    &[],
                ),
                p.group_id
                    .as_ref()
                    .and_then(|g| dump.groups.iter().find(|x| &x.id == g))
                    .map(|g| g.name.clone())
                    .unwrap_or_default(),
                days.iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect()
}

pub fn csv(dump: &Dump, lang: ReportLang) -> Vec<u8> {
    csv_bytes(std::iter::once(header(lang)).chain(rows(dump, lang)))
}

pub fn xlsx(dump: &Dump, lang: ReportLang) -> Result<Vec<u8>, SalaError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(sheet_name(&lang.t("participants_export.sheet", &[])))
        .map_err(xlsx_error)?;
    let bold = Format::new().set_bold().set_text_wrap();
    let head = header(lang);
    for (c, h) in head.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(xlsx_error)?;
        sheet.set_column_width(c as u16, 22.0).map_err(xlsx_error)?;
    }
    let rows = rows(dump, lang);
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet
                    .write_string(r as u32 + 1, c as u16, v)
                    .map_err(xlsx_error)?;
            }
        }
    }
    filter_and_freeze(sheet, rows.len(), head.len())?;
    book.save_to_buffer().map_err(xlsx_error)
}

/// The list cannot be anonymised: that would be a list of no one.
pub fn refuse_anonymised() -> SalaError {
    SalaError::new(ErrorCode::InvalidArgument)
        .with("name", "--anonymised")
        .with("value", "participants")
}
