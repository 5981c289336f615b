//! The command line in the user's language: help texts from the locale files, and clap's
//! usage errors turned into translated sentences.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
use sala_core::api::UiLanguage;
use sala_i18n::message;

use crate::Cli;

/// `--ui-lang X` or `--ui-lang=X` from the raw arguments (needed before clap runs, to speak
/// the right language in help and usage errors), else the environment.
pub fn language_from_argv(args: impl IntoIterator<Item = String>) -> UiLanguage {
    let args: Vec<String> = args.into_iter().collect();
    for (i, arg) in args.iter().enumerate() {
        let value = if arg == "--ui-lang" {
            args.get(i + 1).map(String::as_str)
        } else {
            arg.strip_prefix("--ui-lang=")
        };
        if let Some(lang) = value.and_then(UiLanguage::parse) {
            return lang;
        }
    }
    sala_i18n::language_from_env()
}

// Long by design: one table of every command's help keys, in the order `sala --help` shows
// them; split by command group, a missing key would hide in another file.
/// The `clap` command with every help text and heading from the locale files.
pub fn localized_command(lang: UiLanguage) -> clap::Command {
    let m = |key: &str| message(lang, key, &[]);
    let options = m("cli.heading.options");
    // Help text and heading of an argument the derive defined.
    let h = |key: &'static str| {
        let help = m(key);
        let heading = options.clone();
        move |a: Arg| a.help(help).help_heading(heading)
    };
    let template = format!(
        "{{about}}\n\n{}: {{usage}}\n\n{{all-args}}",
        m("cli.heading.usage")
    );
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .global(true)
        .action(ArgAction::Help)
        .help(m("cli.help.help"));
    let sub = |c: clap::Command, about: &str| {
        c.about(m(about))
            .disable_help_flag(true)
            .help_template(template.clone())
            .next_help_heading(m("cli.heading.options"))
            .subcommand_help_heading(m("cli.heading.commands"))
    };
    // The arguments every spreadsheet export shares (`report::ActionsArgs`).
    let export_args = |c: clap::Command| {
        c.mut_arg("format", h("cli.help.actions_format"))
            .mut_arg("lang", h("cli.help.actions_lang"))
            .mut_arg("out", h("cli.help.out"))
            .mut_arg("anonymised", h("cli.help.report_anonymised"))
            .mut_arg("open", h("cli.help.open"))
    };
    Cli::command()
        .about(m("cli.about"))
        .help_template(template.clone())
        .next_help_heading(m("cli.heading.options"))
        .subcommand_help_heading(m("cli.heading.commands"))
        .arg(help)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(m("cli.help.version")),
        )
        .mut_arg("data", h("cli.help.data"))
        .mut_arg("ui_lang", h("cli.help.ui_lang"))
        .mut_subcommand("init", |c| {
            sub(c, "cli.help.init")
                .mut_arg("demo", h("cli.help.demo"))
                .mut_arg("template", h("cli.help.template"))
                .mut_arg("workshop", h("cli.help.workshop"))
        })
        .mut_subcommand("dump", |c| {
            sub(c, "cli.help.dump").mut_arg("json", h("cli.help.json"))
        })
        .mut_subcommand("check", |c| sub(c, "cli.help.check"))
        .mut_subcommand("report", |c| {
            sub(c, "cli.help.report")
                .mut_arg("format", h("cli.help.report_format"))
                .mut_arg("lang", h("cli.help.report_lang"))
                .mut_arg("out", h("cli.help.out"))
                .mut_arg("participant_list", h("cli.help.report_participant_list"))
                .mut_arg("by_session", h("cli.help.report_by_session"))
                .mut_arg("no_pictures", h("cli.help.report_no_pictures"))
                .mut_arg("pictures_checked", h("cli.help.report_pictures_checked"))
                .mut_arg("anonymised", h("cli.help.report_anonymised"))
                .mut_arg("open", h("cli.help.open"))
        })
        .mut_subcommand("survey", |c| {
            sub(c, "cli.help.survey")
                .mut_subcommand("list", |c| sub(c, "cli.help.survey_list"))
                .mut_subcommand("import", |c| {
                    sub(c, "cli.help.survey_import")
                        .mut_arg("form", h("cli.help.survey_form"))
                        .mut_arg("files", h("cli.help.survey_file"))
                        .mut_arg("dry_run", h("cli.help.dry_run"))
                        .mut_arg("skip_bad", h("cli.help.skip_bad"))
                })
                .mut_subcommand("results", |c| {
                    sub(c, "cli.help.survey_results")
                        .mut_arg("form", h("cli.help.survey_form"))
                        .mut_arg("json", h("cli.help.json"))
                })
                .mut_subcommand("export", |c| {
                    export_args(sub(c, "cli.help.survey_export"))
                        .mut_arg("form", h("cli.help.survey_form"))
                })
                .mut_subcommand("form", |c| {
                    sub(c, "cli.help.survey_form_file")
                        .mut_arg("form", h("cli.help.survey_form"))
                        .mut_arg("format", h("cli.help.survey_form_format"))
                        .mut_arg("lang", h("cli.help.brief_lang"))
                        .mut_arg("out", h("cli.help.out"))
                })
                .mut_subcommand("html", |c| {
                    sub(c, "cli.help.survey_html")
                        .mut_arg("form", h("cli.help.survey_form"))
                        .mut_arg("out", h("cli.help.out"))
                })
        })
        .mut_subcommand("room", |c| {
            sub(c, "cli.help.room")
                .mut_subcommand("open", |c| {
                    sub(c, "cli.help.room_open")
                        .mut_arg("offers", h("cli.help.room_offers"))
                        .mut_arg("port", h("cli.help.room_port"))
                        .mut_arg("code", h("cli.help.room_code"))
                        .mut_arg("bind", h("cli.help.room_bind"))
                })
                .mut_subcommand("ideas", |c| {
                    sub(c, "cli.help.room_ideas")
                        .mut_arg("group", h("cli.help.room_ideas_group"))
                        .mut_arg("all", h("cli.help.room_ideas_all"))
                        .mut_arg("json", h("cli.help.json"))
                })
                .mut_subcommand("accept", |c| {
                    sub(c, "cli.help.room_accept")
                        .mut_arg("id", h("cli.help.room_idea"))
                        .mut_arg("text", h("cli.help.room_accept_text"))
                })
                .mut_subcommand("merge", |c| {
                    sub(c, "cli.help.room_merge")
                        .mut_arg("id", h("cli.help.room_idea"))
                        .mut_arg("into", h("cli.help.room_merge_into"))
                })
                .mut_subcommand("reject", |c| {
                    sub(c, "cli.help.room_reject").mut_arg("id", h("cli.help.room_idea"))
                })
        })
        .mut_subcommand("picture", |c| {
            sub(c, "cli.help.picture")
                .mut_subcommand("add", |c| {
                    sub(c, "cli.help.picture_add")
                        .mut_arg("file", h("cli.help.picture_file"))
                        .mut_arg("group", h("cli.help.picture_group"))
                        .mut_arg("question", h("cli.help.picture_question"))
                        .mut_arg("focus", h("cli.help.picture_focus"))
                        .mut_arg("caption", h("cli.help.picture_caption"))
                })
                .mut_subcommand("list", |c| {
                    sub(c, "cli.help.picture_list")
                        .mut_arg("group", h("cli.help.picture_list_group"))
                        .mut_arg("trash", h("cli.help.picture_trash"))
                        .mut_arg("json", h("cli.help.json"))
                })
                .mut_subcommand("export", |c| {
                    sub(c, "cli.help.picture_export")
                        .mut_arg("id", h("cli.help.picture_id"))
                        .mut_arg("out", h("cli.help.out"))
                })
                .mut_subcommand("caption", |c| {
                    sub(c, "cli.help.picture_caption_cmd")
                        .mut_arg("id", h("cli.help.picture_id"))
                        .mut_arg("text", h("cli.help.picture_caption_text"))
                })
                .mut_subcommand("delete", |c| {
                    sub(c, "cli.help.picture_delete").mut_arg("id", h("cli.help.picture_id"))
                })
                .mut_subcommand("restore", |c| {
                    sub(c, "cli.help.picture_restore").mut_arg("id", h("cli.help.picture_id"))
                })
        })
        .mut_subcommand("brief", |c| {
            sub(c, "cli.help.brief")
                .mut_arg("lang", h("cli.help.brief_lang"))
                .mut_arg("out", h("cli.help.out"))
                .mut_arg("anonymised", h("cli.help.report_anonymised"))
                .mut_arg("open", h("cli.help.open"))
        })
        .mut_subcommand("actions", |c| export_args(sub(c, "cli.help.actions")))
        .mut_subcommand("backup", |c| {
            sub(c, "cli.help.backup")
                .mut_arg("out", h("cli.help.backup_out"))
                .mut_arg("list", h("cli.help.backup_list"))
        })
        .mut_subcommand("restore", |c| {
            sub(c, "cli.help.restore").mut_arg("file", h("cli.help.restore_file"))
        })
        .mut_subcommand("sync", |c| {
            sub(c, "cli.help.sync")
                .mut_arg("folder", h("cli.help.folder"))
                .mut_arg("label", h("cli.help.label"))
        })
        .mut_subcommand("status", |c| {
            sub(c, "cli.help.sync_state").mut_arg("json", h("cli.help.json"))
        })
        .mut_subcommand("conflicts", |c| {
            sub(c, "cli.help.conflicts").mut_arg("json", h("cli.help.json"))
        })
        .mut_subcommand("export", |c| {
            sub(c, "cli.help.export").mut_arg("file", h("cli.help.sync_file"))
        })
        .mut_subcommand("import", |c| {
            sub(c, "cli.help.import").mut_arg("files", h("cli.help.sync_files"))
        })
        .mut_subcommand("workshop", |c| {
            let facts = |c: clap::Command| {
                c.mut_arg("title_en", h("cli.help.title_en"))
                    .mut_arg("title_lo", h("cli.help.title_lo"))
                    .mut_arg("start", h("cli.help.start_date"))
                    .mut_arg("end", h("cli.help.end_date"))
            };
            sub(c, "cli.help.ws")
                .mut_subcommand("new", |c| {
                    facts(sub(c, "cli.help.ws_new")).mut_arg("template", h("cli.help.ws_template"))
                })
                .mut_subcommand("list", |c| {
                    sub(c, "cli.help.ws_list")
                        .mut_arg("all", h("cli.help.ws_all"))
                        .mut_arg("json", h("cli.help.json"))
                })
                .mut_subcommand("switch", |c| {
                    sub(c, "cli.help.ws_switch").mut_arg("id", h("cli.help.workshop_id"))
                })
                .mut_subcommand("duplicate", |c| facts(sub(c, "cli.help.ws_duplicate")))
                .mut_subcommand("archive", |c| {
                    sub(c, "cli.help.ws_archive").mut_arg("id", h("cli.help.workshop_id"))
                })
                .mut_subcommand("restore", |c| {
                    sub(c, "cli.help.ws_restore").mut_arg("id", h("cli.help.workshop_id"))
                })
                .mut_subcommand("export", |c| {
                    sub(c, "cli.help.ws_export").mut_arg("out", h("cli.help.ws_out"))
                })
        })
        .mut_subcommand("question", |c| {
            let text = |c: clap::Command| {
                c.mut_arg("en", h("cli.help.text_en"))
                    .mut_arg("lo", h("cli.help.text_lo"))
            };
            sub(c, "cli.help.q_cmd")
                .mut_subcommand("add", |c| text(sub(c, "cli.help.q_add")))
                .mut_subcommand("edit", |c| {
                    text(sub(c, "cli.help.q_edit")).mut_arg("number", h("cli.help.q_number"))
                })
                .mut_subcommand("move", |c| {
                    sub(c, "cli.help.q_move")
                        .mut_arg("number", h("cli.help.q_number"))
                        .mut_arg("to", h("cli.help.q_to"))
                })
                .mut_subcommand("retire", |c| {
                    sub(c, "cli.help.q_retire")
                        .mut_arg("question", h("cli.help.q_which"))
                        .mut_arg("back", h("cli.help.back"))
                })
        })
        .mut_subcommand("focus", |c| {
            let name = |c: clap::Command| {
                c.mut_arg("en", h("cli.help.text_en"))
                    .mut_arg("lo", h("cli.help.text_lo"))
                    .mut_arg("kind", h("cli.help.f_kind"))
            };
            sub(c, "cli.help.f_cmd")
                .mut_subcommand("add", |c| {
                    name(sub(c, "cli.help.f_add")).mut_arg("code", h("cli.help.f_code"))
                })
                .mut_subcommand("edit", |c| {
                    name(sub(c, "cli.help.f_edit")).mut_arg("area", h("cli.help.f_area"))
                })
                .mut_subcommand("retire", |c| {
                    sub(c, "cli.help.f_retire")
                        .mut_arg("area", h("cli.help.f_area"))
                        .mut_arg("back", h("cli.help.back"))
                })
        })
        .mut_subcommand("agenda", |c| {
            let session = |c: clap::Command| {
                c.mut_arg("day", h("cli.help.a_day"))
                    .mut_arg("kind", h("cli.help.a_kind"))
                    .mut_arg("start", h("cli.help.a_start"))
                    .mut_arg("end", h("cli.help.a_end"))
                    .mut_arg("title_en", h("cli.help.title_en"))
                    .mut_arg("title_lo", h("cli.help.title_lo"))
                    .mut_arg("room", h("cli.help.a_room"))
            };
            sub(c, "cli.help.a_cmd")
                .mut_subcommand("add", |c| session(sub(c, "cli.help.a_add")))
                .mut_subcommand("edit", |c| {
                    session(sub(c, "cli.help.a_edit")).mut_arg("id", h("cli.help.a_id"))
                })
                .mut_subcommand("remove", |c| {
                    sub(c, "cli.help.a_remove")
                        .mut_arg("id", h("cli.help.a_id"))
                        .mut_arg("back", h("cli.help.back"))
                })
                .mut_subcommand("list", |c| {
                    sub(c, "cli.help.a_list").mut_arg("json", h("cli.help.json"))
                })
        })
        .mut_subcommand("key", |c| {
            sub(c, "cli.help.key")
                .mut_subcommand("set", |c| {
                    sub(c, "cli.help.key_set")
                        .mut_arg("passphrase_file", h("cli.help.passphrase_file"))
                        .mut_arg("key_file", h("cli.help.key_file"))
                })
                .mut_subcommand("new", |c| {
                    sub(c, "cli.help.key_new").mut_arg("out", h("cli.help.key_out"))
                })
                .mut_subcommand("show", |c| sub(c, "cli.help.key_show"))
                .mut_subcommand("withdraw", |c| sub(c, "cli.help.key_withdraw"))
        })
        .mut_subcommand("join", |c| {
            sub(c, "cli.help.join")
                .mut_arg("file", h("cli.help.sync_file"))
                .mut_arg("folder", h("cli.help.folder"))
                .mut_arg("workshop", h("cli.help.workshop_id"))
                .mut_arg("passphrase_file", h("cli.help.passphrase_file"))
                .mut_arg("key_file", h("cli.help.key_file"))
        })
        .mut_subcommand("card", |c| {
            sub(c, "cli.help.card")
                .mut_subcommand("add", |c| {
                    sub(c, "cli.help.card_add")
                        .mut_arg("group", h("cli.help.group"))
                        .mut_arg("focus", h("cli.help.focus"))
                        .mut_arg("quadrant", h("cli.help.quadrant"))
                        .mut_arg("text", h("cli.help.card_text"))
                        .mut_arg("stakeholder", h("cli.help.stakeholder"))
                })
                .mut_subcommand("cluster", |c| {
                    sub(c, "cli.help.card_cluster")
                        .mut_arg("lead", h("cli.help.lead"))
                        .mut_arg("other", h("cli.help.other"))
                })
                .mut_subcommand("delete", |c| {
                    sub(c, "cli.help.card_delete").mut_arg("id", h("cli.help.card_id"))
                })
                .mut_subcommand("restore", |c| {
                    sub(c, "cli.help.card_restore").mut_arg("id", h("cli.help.card_id"))
                })
                .mut_subcommand("vote", |c| {
                    sub(c, "cli.help.card_vote")
                        .mut_arg("id", h("cli.help.card_id"))
                        .mut_arg("voter", h("cli.help.voter"))
                })
        })
        .mut_subcommand("participant", |c| {
            sub(c, "cli.help.participant")
                .mut_subcommand("add", |c| {
                    sub(c, "cli.help.participant_add")
                        .mut_arg("name_lo", h("cli.help.name_lo"))
                        .mut_arg("name_en", h("cli.help.name_en"))
                        .mut_arg("organisation", h("cli.help.organisation"))
                        .mut_arg("stakeholder", h("cli.help.stakeholder"))
                        .mut_arg("gender", h("cli.help.gender"))
                        .mut_arg("group", h("cli.help.group"))
                        .mut_arg("consent", h("cli.help.consent"))
                })
                .mut_subcommand("list", |c| {
                    sub(c, "cli.help.participant_list").mut_arg("json", h("cli.help.json"))
                })
                .mut_subcommand("import", |c| {
                    sub(c, "cli.help.participant_import")
                        .mut_arg("file", h("cli.help.import_file"))
                        .mut_arg("skip_bad", h("cli.help.skip_bad"))
                        .mut_arg("dry_run", h("cli.help.dry_run"))
                })
                .mut_subcommand("export", |c| {
                    export_args(sub(c, "cli.help.participant_export"))
                })
        })
        .mut_subcommand("search", |c| {
            sub(c, "cli.help.search")
                .mut_arg("query", h("cli.help.query"))
                .mut_arg("group", h("cli.help.group"))
                .mut_arg("json", h("cli.help.json"))
        })
        .mut_subcommand("action", |c| {
            sub(c, "cli.help.action").mut_subcommand("add", |c| {
                sub(c, "cli.help.action_add")
                    .mut_arg("title", h("cli.help.title"))
                    .mut_arg("focus", h("cli.help.focus"))
                    .mut_arg("start", h("cli.help.start"))
                    .mut_arg("due", h("cli.help.due"))
                    .mut_arg("horizon", h("cli.help.horizon"))
                    .mut_arg("priority", h("cli.help.priority"))
                    .mut_arg("status", h("cli.help.status"))
                    .mut_arg("responsible", h("cli.help.responsible"))
                    .mut_arg("partners", h("cli.help.partners"))
                    .mut_arg("description", h("cli.help.description"))
                    .mut_arg("from", h("cli.help.from"))
            })
        })
        .mut_subcommand("note", |c| {
            sub(c, "cli.help.note")
                .mut_subcommand("add", |c| {
                    sub(c, "cli.help.note_add")
                        .mut_arg("group", h("cli.help.group"))
                        .mut_arg("question", h("cli.help.question"))
                        .mut_arg("text", h("cli.help.text"))
                        .mut_arg("stdin", h("cli.help.stdin"))
                        .mut_arg("lang", h("cli.help.lang"))
                        .mut_arg("fix_lao", h("cli.help.fix_lao"))
                        .mut_arg("session", h("cli.help.session"))
                })
                .mut_subcommand("edit", |c| {
                    sub(c, "cli.help.note_edit")
                        .mut_arg("id", h("cli.help.note_id"))
                        .mut_arg("text", h("cli.help.text"))
                })
                .mut_subcommand("delete", |c| {
                    sub(c, "cli.help.note_delete").mut_arg("id", h("cli.help.note_id"))
                })
                .mut_subcommand("restore", |c| {
                    sub(c, "cli.help.note_restore").mut_arg("id", h("cli.help.note_id"))
                })
                .mut_subcommand("list", |c| {
                    sub(c, "cli.help.note_list")
                        .mut_arg("group", h("cli.help.group"))
                        .mut_arg("question", h("cli.help.question"))
                        .mut_arg("json", h("cli.help.json"))
                })
        })
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// A usage error as a sentence in `lang`.
pub fn usage_error(e: &clap::Error, lang: UiLanguage) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let text = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => message(
            lang,
            "cli.usage.invalid_value",
            &[("value", &value), ("arg", &arg)],
        ),
        ErrorKind::MissingRequiredArgument => message(lang, "cli.usage.missing", &[("arg", &arg)]),
        ErrorKind::UnknownArgument => message(lang, "cli.usage.unknown", &[("arg", &arg)]),
        ErrorKind::InvalidSubcommand => message(
            lang,
            "cli.usage.unknown",
            &[("arg", &context(e, ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::ArgumentConflict => message(
            lang,
            "cli.usage.conflict",
            &[("arg", &arg), ("other", &context(e, ContextKind::PriorArg))],
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            message(lang, "cli.usage.missing_command", &[])
        }
        _ => message(
            lang,
            "cli.usage.other",
            &[("detail", e.kind().as_str().unwrap_or("?"))],
        ),
    };
    format!(
        "{}: {text}\n{}",
        message(lang, "cli.error_prefix", &[]),
        message(lang, "cli.usage.hint", &[])
    )
}

/// Parses the arguments; on help/version prints them, on a usage error prints it translated.
pub fn parse(args: impl IntoIterator<Item = OsString>, lang: UiLanguage) -> Result<Cli, ExitCode> {
    let matches = localized_command(lang).try_get_matches_from(args);
    let result = matches.and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => Ok(cli),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            crate::err_out(&usage_error(&e, lang));
            Err(ExitCode::from(2))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_localized_command_is_well_formed_in_both_languages() {
        for lang in [UiLanguage::En, UiLanguage::Lo] {
            localized_command(lang).debug_assert();
        }
    }

    /// Every command, every argument: (path, what is untranslated).
    fn untranslated(lo: &clap::Command, raw: &clap::Command, path: &str, out: &mut Vec<String>) {
        let text =
            |s: Option<&clap::builder::StyledStr>| s.map(|s| s.to_string()).unwrap_or_default();
        if lo.get_about().is_none() || text(lo.get_about()) == text(raw.get_about()) {
            out.push(format!("{path}: about"));
        }
        let options = message(UiLanguage::Lo, "cli.heading.options", &[]);
        for arg in lo.get_arguments() {
            let id = arg.get_id().as_str();
            if arg.is_hide_set() {
                continue;
            }
            let english = raw
                .get_arguments()
                .find(|a| a.get_id().as_str() == id)
                .map(|a| text(a.get_help()))
                .unwrap_or_default();
            let help = text(arg.get_help());
            if help.is_empty() || help == english {
                out.push(format!("{path} --{id}: help"));
            }
            if arg.get_help_heading() != Some(options.as_str()) && !arg.is_positional() {
                out.push(format!(
                    "{path} --{id}: heading {:?}",
                    arg.get_help_heading()
                ));
            }
        }
        for sub in lo.get_subcommands() {
            let name = sub.get_name();
            if let Some(raw_sub) = raw.find_subcommand(name) {
                untranslated(sub, raw_sub, &format!("{path} {name}"), out);
            }
        }
    }

    #[test]
    fn every_command_and_option_has_its_help_in_lao_under_one_heading() {
        let mut lo = localized_command(UiLanguage::Lo);
        lo.build();
        let mut raw = Cli::command();
        raw.build();
        let mut out = Vec::new();
        untranslated(&lo, &raw, "sala", &mut out);
        assert!(out.is_empty(), "untranslated help:\n{}", out.join("\n"));
    }

    #[test]
    fn the_language_comes_from_the_arguments_first() {
        let args = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            language_from_argv(args(&["sala", "--ui-lang", "lo", "dump"])),
            UiLanguage::Lo
        );
        assert_eq!(
            language_from_argv(args(&["sala", "dump", "--ui-lang=en"])),
            UiLanguage::En
        );
    }
}
