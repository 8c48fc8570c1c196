//! `kpilot note ITEM ["text"]`: a lesson on an objective, a lever (a
//! channel), a goal or an action, printed in the review; without text, the
//! notes of the item (`all`: of the plan).

use std::process::ExitCode;

use anyhow::{Result, bail};
use kpilot_core::kpi::Lang;
use kpilot_store::NewNote;

use crate::cli::NoteArgs;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &NoteArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let plan = &stored.plan;
    let lang = settings.lang;
    let Some(text) = &args.text else {
        let notes = store.notes(&plan.id)?;
        let mut out = String::new();
        for note in notes
            .iter()
            .filter(|n| args.item == "all" || n.item == args.item)
        {
            out.push_str(&format!(
                "{}  {}  {}  {}\n",
                note.written_at.to_zoned(jiff::tz::TimeZone::UTC).date(),
                note.item,
                note.written_by,
                note.text
            ));
        }
        if out.is_empty() {
            out = match lang {
                Lang::Fr => format!("aucune note pour « {} »\n", args.item),
                Lang::En => format!("no note for “{}”\n", args.item),
            };
        }
        super::emit(&out)?;
        return Ok(ExitCode::SUCCESS);
    };
    let text = text.trim();
    if text.is_empty() {
        bail!("the note is empty: write the lesson between quotes");
    }
    if !kpilot_workspace::note::items(plan).contains(&args.item) {
        bail!(
            "plan `{}` has no objective, goal, action or channel `{}`; its items: {}",
            plan.id,
            args.item,
            kpilot_workspace::note::items(plan).join(", ")
        );
    }
    let id = store.add_note(&NewNote {
        plan: plan.id.clone(),
        item: args.item.clone(),
        text: text.to_owned(),
        written_by: super::plan::whoami(),
    })?;
    super::emit(&match lang {
        Lang::Fr => format!("note n° {id} enregistrée pour « {} »\n", args.item),
        Lang::En => format!("note #{id} recorded for “{}”\n", args.item),
    })?;
    Ok(ExitCode::SUCCESS)
}
