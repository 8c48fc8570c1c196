//! Real users' files and habits (issue 17), as the binary meets them: a
//! shop's day spread over two exports, a shop whose orders are all awaiting
//! payment, a first import that is refused, a French run, channel values as
//! people write them.

use super::{Workspace, stderr, stdout};

/// A Shopify export of `orders`: (number, financial status, total, day).
fn shopify(orders: &[(u32, &str, &str, &str)]) -> String {
    let mut text = String::from("Name,Financial Status,Total,Created at,Cancelled at,Source\n");
    for (number, status, total, day) in orders {
        text.push_str(&format!(
            "#{number},{status},{total},{day} 10:00:00 +0100,,web\n"
        ));
    }
    text
}

fn transactions(workspace: &Workspace) -> String {
    workspace
        .observations()
        .iter()
        .filter(|o| o.measure == "transactions" || o.measure == "revenue")
        .map(|o| {
            format!(
                "{} {} {} = {}\n",
                o.day,
                o.measure,
                o.channel.as_deref().unwrap_or("-"),
                o.value
            )
        })
        .collect()
}

pub(super) fn one_days_orders_over_two_files_add_up(workspace: &Workspace) {
    // Two pages of one export: orders 1 to 20 (10 € each) on the 5th, then
    // 21 to 35 (20 € each) on the same day. The second file once replaced
    // the first's day: 15 orders instead of 35.
    let first: Vec<(u32, &str, &str, &str)> = (1..=20)
        .map(|n| (n, "paid", "10.00", "2026-01-05"))
        .collect();
    let second: Vec<(u32, &str, &str, &str)> = (21..=35)
        .map(|n| (n, "paid", "20.00", "2026-01-05"))
        .collect();
    workspace.write("page1.csv", shopify(&first));
    workspace.write("page2.csv", shopify(&second));
    let output = workspace.run(&["import", "page1.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("format shopify"),
        "{}",
        stdout(&output)
    );
    let output = workspace.run(&["import", "page2.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("orders: 15 new, 0 replaced, 0 unchanged"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        transactions(workspace),
        "2026-01-05 revenue website = 500\n2026-01-05 transactions website = 35\n"
    );
    // An export made at noon and another in the evening: the orders of the
    // first again, one of them refunded since, and two new ones.
    let mut evening = first.clone();
    evening[0].1 = "refunded";
    evening.push((36, "paid", "5.00", "2026-01-05"));
    evening.push((37, "paid", "5.00", "2026-01-05"));
    workspace.write("evening.csv", shopify(&evening));
    let output = workspace.run(&["import", "evening.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("orders: 2 new, 1 replaced, 19 unchanged"),
        "{}",
        stdout(&output)
    );
    // 35 − 1 refunded + 2 = 36 orders; 500 − 10 + 10 = 500 €.
    assert_eq!(
        transactions(workspace),
        "2026-01-05 revenue website = 500\n2026-01-05 transactions website = 36\n"
    );
    // Undo gives back exactly what each import replaced.
    assert!(workspace.run(&["import", "--undo", "3"]).status.success());
    assert_eq!(
        transactions(workspace),
        "2026-01-05 revenue website = 500\n2026-01-05 transactions website = 35\n"
    );
    assert!(workspace.run(&["import", "--undo", "1"]).status.success());
    assert_eq!(
        transactions(workspace),
        "2026-01-05 revenue website = 300\n2026-01-05 transactions website = 15\n"
    );
}

pub(super) fn a_shop_whose_orders_are_all_pending_is_refused_saying_why(workspace: &Workspace) {
    // Cash on delivery: nothing is paid yet. This once imported "0 values
    // over 0 days" with exit 0.
    workspace.write(
        "cod.csv",
        shopify(&[
            (1, "pending", "10.00", "2026-01-05"),
            (2, "pending", "12.00", "2026-01-05"),
            (3, "voided", "9.00", "2026-01-06"),
        ]),
    );
    let output = workspace.run(&["import", "cod.csv"]);
    assert_eq!(output.status.code(), Some(1));
    let said = workspace.stderr(&output);
    assert!(
        said.contains(
            "cod.csv: error: nothing to import: none of the 3 orders is a sale (2 pending, 1 voided); once paid, export them again, or import them now with --allow-empty"
        ),
        "{said}"
    );
    assert!(
        said.contains("0 orders counted; 3 left out: 2 pending, 1 voided"),
        "{said}"
    );
    let list = workspace.run(&["import", "--list"]);
    assert_eq!(stdout(&list), "no imports in this workspace\n");
    // Asked for, the orders are kept: the days had no sale.
    let output = workspace.run(&["import", "cod.csv", "--allow-empty"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        transactions(workspace),
        "2026-01-05 revenue website = 0\n2026-01-05 transactions website = 0\n\
         2026-01-06 revenue website = 0\n2026-01-06 transactions website = 0\n"
    );
}

pub(super) fn a_refused_first_import_creates_no_workspace(workspace: &Workspace) {
    workspace.write("bad.csv", "date,sessions\nhier,1\n");
    let output = workspace.run(&["import", "bad.csv"]);
    assert_eq!(output.status.code(), Some(1));
    // No SQLite file appears (on PostgreSQL, no batch is recorded).
    assert!(!workspace.db().exists());
    assert!(
        !stderr(&output).contains("created workspace"),
        "{}",
        stderr(&output)
    );
    // A file of summary rows only stores nothing: refused too.
    workspace.write("totals.csv", "Date;Visites\nTotal;12\n");
    let output = workspace.run(&["import", "totals.csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "nothing to import: the file's only rows are a summary or total row; import it anyway with --allow-empty"
        ),
        "{}",
        stderr(&output)
    );
    assert!(!workspace.db().exists());
    // A good first import creates the workspace, and says so.
    workspace.write("good.csv", "date,sessions\n2026-01-05,1\n");
    let output = workspace.run(&["import", "good.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    if workspace.postgres.is_none() {
        assert!(workspace.db().exists());
        assert!(stderr(&output).contains("created workspace"));
    }
    // Only the good one was recorded.
    let list = stdout(&workspace.run(&["import", "--list"]));
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.ends_with("good.csv\n"), "{list}");
}

pub(super) fn a_french_run_says_everything_in_french(workspace: &Workspace) {
    // Every word of the import in French: the file's description, the
    // columns read, what was assumed, the summary, the row errors.
    workspace.write(
        "export.csv",
        "Date;Canal;Visites;CA TTC;Taux de rebond\n\
         01/02/2026;Boutique;10;1,5;20 %\n\
         02/02/2026;Newsletter;12;2,5;25 %\n",
    );
    let output = workspace.run(&["--lang", "fr", "import", "export.csv", "--dry-run"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    for french in [
        "séparateur «\u{202f};\u{202f}», virgule décimale, format wide",
        "lu dans la disposition de kpilot",
        "colonnes lues\u{202f}: Date → le jour, Canal → le canal, Visites → la mesure sessions, CA TTC → la mesure revenue",
        "un taux ou une moyenne écarté (kpilot le calcule à partir de ses composantes)\u{202f}: Taux de rebond",
        "canal «\u{202f}Boutique\u{202f}»\u{202f}: 1 ligne (dès la ligne 2), pas un canal du plan",
        "vouliez-vous dire «\u{202f}store\u{202f}» (Magasin)\u{202f}?",
        "4 valeurs sur 2 jours",
        "essai à blanc, rien n’a été écrit\u{202f}: 4 nouvelles, 0 remplacée, 0 inchangée",
    ] {
        assert!(said.contains(french), "{french}\n{said}");
    }
    for english in [" values", "columns", "read as", "dry run", "error"] {
        assert!(!said.contains(english), "{english}\n{said}");
    }
    workspace.write("bad.csv", "Date;Visites\nhier;1\n");
    let output = workspace.run(&["--lang", "fr", "import", "bad.csv"]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(
        said.contains(
            "bad.csv:2:1\u{202f}: erreur\u{202f}: [Date] «\u{202f}hier\u{202f}» n’est pas une date"
        ),
        "{said}"
    );
    assert!(
        said.contains("rien n’a été importé\u{202f}: 1 ligne en erreur, 0 doublon"),
        "{said}"
    );
}
