//! The verdict: the session's grade (A–F) and the one line that matters
//! most. The grade is a letter and a word, never a colour alone.

use smtp_lens::rules::Grade;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub grade: Grade,
    pub reason: AttrValue,
    /// "Session 2 of 3", when there are several.
    pub which: Option<AttrValue>,
    /// The report is for an older text (a new analysis is under way).
    pub stale: bool,
}

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

#[component]
pub fn VerdictBanner(props: &VerdictProps) -> Html {
    let g = props.grade.as_str();
    html! {
        <section class={classes!("verdict", format!("grade-{}", g.to_ascii_lowercase()), props.stale.then_some("is-stale"))}
            data-testid="verdict" data-grade={g} aria-labelledby="verdict-heading" aria-busy={props.stale.to_string()}>
            <div class="grade" aria-hidden="true">{ g }</div>
            <div class="verdict-body">
                <h2 id="verdict-heading">
                    <span class="visually-hidden">{ format!("Grade {g}: ") }</span>
                    { grade_word(props.grade) }
                    if let Some(which) = &props.which {
                        <span class="verdict-which">{ which.clone() }</span>
                    }
                </h2>
                <p class="verdict-reason">{ props.reason.clone() }</p>
            </div>
        </section>
    }
}
