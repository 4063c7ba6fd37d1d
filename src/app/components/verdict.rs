//! The verdict: the session's grade (A–F) and the one line that matters
//! most. The grade is a letter and a word, never a colour alone.

use smtp_lens::rules::Grade;
use yew::prelude::*;

/// The grade in words.
pub fn grade_word(g: Grade) -> &'static str {
    match g {
        Grade::A => "Good",
        Grade::B => "Minor issues",
        Grade::C => "Problems",
        Grade::D => "Insecure",
        Grade::F => "Critical",
    }
}

/// The banner (a function, not a component: see `export`). `which`:
/// "Session 2 of 3", when there are several; `stale`: the report is for an
/// older text (a new analysis is under way).
pub fn verdict_banner(
    grade: Grade,
    reason: AttrValue,
    which: Option<AttrValue>,
    stale: bool,
) -> Html {
    let g = grade.as_str();
    html! {
        <section class={classes!("verdict", format!("grade-{}", g.to_ascii_lowercase()), stale.then_some("is-stale"))}
            data-testid="verdict" data-grade={g} aria-labelledby="verdict-heading" aria-busy={stale.to_string()}>
            <div class="grade" aria-hidden="true">{ g }</div>
            <div class="verdict-body">
                <h2 id="verdict-heading">
                    <span class="visually-hidden">{ format!("Grade {g}: ") }</span>
                    { grade_word(grade) }
                    if let Some(which) = &which {
                        <span class="verdict-which">{ which.clone() }</span>
                    }
                </h2>
                <p class="verdict-reason">{ reason }</p>
            </div>
        </section>
    }
}
