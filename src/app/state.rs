//! The page's one state and its reducer (the model of yew's
//! `function_todomvc` example): every component renders a slice of
//! [`State`] and asks for changes with an [`Action`]. Side effects
//! (storage, timers, file reading, the URL, the worker) are not here: they
//! live at the top, in `App`, and report back with actions.
//!
//! One pure computation is: a paste, an example or a file of a typical
//! size (a change of more than [`BURST`] bytes, under [`NOW_BELOW`]) is
//! analysed here, as the action is reduced, so the page renders the text
//! and its analysis once, in the frame after the paste, instead of the text
//! with the old results first and the new results a task and a frame later.
//! Typing still waits for a pause (the timer in `App`).

use std::rc::Rc;

use smtp_lens::{Format, Report};
use yew::Reducible;

use super::analysis::{analyse, Analysis};
use super::large::{BigText, Overview};

/// What the user chose for the port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PortChoice {
    /// Whatever the transcript says.
    #[default]
    Auto,
    Fixed(u16),
}

impl PortChoice {
    pub fn port(self) -> Option<u16> {
        match self {
            PortChoice::Auto => None,
            PortChoice::Fixed(p) => Some(p),
        }
    }
}

/// Light, dark, or whatever the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_id(id: &str) -> Theme {
        match id {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

/// Which view the URL fragment asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    #[default]
    Analyzer,
    /// `#learn...`: the rest of the fragment after `#learn`.
    Learn(String),
}

impl Route {
    /// The route of a `location.hash` (with or without its `#`).
    pub fn from_hash(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        match hash.strip_prefix("learn") {
            Some(rest) => Route::Learn(rest.to_string()),
            None => Route::Analyzer,
        }
    }
}

/// Where the analysis of the current text stands.
#[derive(Debug, Clone, Default)]
pub enum Status {
    /// Nothing pasted.
    #[default]
    Empty,
    /// Waiting for the pause in typing, or for the background worker.
    Pending { bytes: usize, background: bool },
    /// The report of the current text (or of an earlier text while a new
    /// analysis is pending, see `State::stale`).
    Ready(Rc<Analysis>),
    /// More than the page can hold: a paste, or a file (its name), which
    /// was not read.
    TooLarge { bytes: usize, file: Option<String> },
    /// Something went wrong (a file that cannot be read, a worker that died).
    Failed(String),
}

/// The whole page state.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The paste, as the analysis and the transcript see it (LF line ends).
    pub text: Rc<str>,
    /// A large paste, held as a JavaScript string (then `text` is empty).
    pub big: Option<BigText>,
    /// Bumped on every change of the text or the options: an analysis
    /// result for an older revision is dropped.
    pub revision: u64,
    /// Bumped when the text is set from outside the text box (example, file,
    /// clear, draft), so the text box takes the new value.
    pub loaded: u64,
    /// The last change of the text replaced or inserted much at once (a
    /// paste, a drop, an example), not a keystroke: its analysis need not
    /// wait for a pause in typing.
    pub burst: bool,
    pub port: PortChoice,
    pub format: Option<Format>,
    pub status: Status,
    /// The last report, kept on screen while a new one is computed.
    pub last: Option<Rc<Analysis>>,
    /// A large paste: the worker's overview of every session; the report
    /// on screen is then the one session opened (`large_session`).
    pub overview: Option<Rc<Overview>>,
    pub large_session: usize,
    /// The user opened that session themselves (the whole paste's overview,
    /// arriving after the first look, then keeps it open).
    pub large_chosen: bool,
    /// The revision the worker is analysing (its answers carry it), or
    /// `u64::MAX`.
    pub job: u64,
    /// The session shown (its tab).
    pub session: usize,
    /// The finding whose evidence is highlighted (index in the report).
    pub finding: Option<usize>,
    /// The highlighted transcript lines (1-based lines of the paste).
    pub selected: Rc<Vec<u32>>,
    /// Bumped on each selection, so the transcript scrolls even when the
    /// same lines are selected again.
    pub selection_seq: u64,
    /// The transcript line whose explanation is shown.
    pub active_line: Option<u32>,
    /// Credentials shown in clear.
    pub reveal: bool,
    pub theme: Theme,
    pub route: Route,
    /// A short message (e.g. "Copied"), cleared by a timer at the top.
    pub toast: Option<String>,
}

impl State {
    /// The report on screen (current or, while pending, the previous one).
    pub fn shown(&self) -> Option<&Rc<Analysis>> {
        match &self.status {
            Status::Ready(a) => Some(a),
            Status::Pending { .. } => self.last.as_ref(),
            _ => None,
        }
    }

    /// The report on screen is for an older text.
    pub fn stale(&self) -> bool {
        matches!(self.status, Status::Pending { .. }) && self.last.is_some()
    }

    pub fn report(&self) -> Option<&Rc<Report>> {
        self.shown().map(|a| &a.report)
    }
}

/// Everything that can happen to the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// The user typed or pasted (the text box already shows it).
    Typed(Rc<str>),
    /// Text from outside the box: an example, a file, the saved draft.
    Load(Rc<str>),
    /// A large paste or file, kept out of the box.
    LoadBig(BigText),
    /// Empty everything.
    Clear,
    SetPort(PortChoice),
    SetFormat(Option<Format>),
    /// An analysis finished (for `revision`).
    Analysed {
        revision: u64,
        analysis: Rc<Analysis>,
    },
    /// The background worker summed up a large paste.
    Overview {
        revision: u64,
        overview: Rc<Overview>,
    },
    /// Open one session of a large paste.
    OpenLarge(usize),
    /// The text is over the size the page can hold.
    TooLarge {
        revision: u64,
        bytes: usize,
    },
    /// A dropped or picked file over the page's limit (not read; the text
    /// box keeps what it had).
    FileTooLarge {
        name: String,
        bytes: usize,
    },
    Failed(String),
    SelectSession(usize),
    /// Select a finding (its evidence lines are highlighted), or none.
    SelectFinding(Option<usize>),
    /// Select transcript lines (from the transcript or the diagram).
    SelectLines(Vec<u32>),
    SetActiveLine(Option<u32>),
    ToggleReveal,
    SetTheme(Theme),
    SetRoute(Route),
    Toast(Option<String>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Typed(text) => {
                s.set_text(text);
                s.analyse_burst();
            }
            Action::Load(text) => {
                s.set_text(text);
                s.loaded += 1;
                s.last = None;
                s.reveal = false;
                s.analyse_burst();
            }
            Action::LoadBig(big) => {
                s.set_text(Rc::from(""));
                s.status = Status::Pending {
                    bytes: big.units as usize,
                    background: true,
                };
                s.big = Some(big);
                s.job = s.revision;
                s.loaded += 1;
                s.last = None;
                s.reveal = false;
            }
            Action::Clear => {
                s.set_text(Rc::from(""));
                s.loaded += 1;
                s.last = None;
                s.reveal = false;
                s.port = PortChoice::Auto;
                s.format = None;
            }
            // Choosing what is already chosen (an example resets both)
            // changes nothing, and costs no analysis.
            Action::SetPort(port) if port == s.port => return self,
            Action::SetFormat(format) if format == s.format => return self,
            Action::SetPort(port) => {
                s.port = port;
                s.reanalyse();
            }
            Action::SetFormat(format) => {
                s.format = format;
                s.reanalyse();
            }
            Action::Analysed { revision, analysis } => {
                if revision == s.revision {
                    s.show(analysis);
                }
            }
            Action::Overview { revision, overview } => {
                if revision == s.job {
                    if let Some(e) = &overview.error {
                        s.status = Status::Failed(e.clone());
                        s.job = u64::MAX;
                    } else {
                        s.show_overview(overview);
                    }
                }
            }
            Action::OpenLarge(i) => {
                if s.overview.is_some() {
                    s.large_session = i;
                    s.large_chosen = true;
                    s.session = 0;
                    s.finding = None;
                    s.selected = Rc::new(Vec::new());
                    s.active_line = None;
                    s.revision += 1;
                    s.status = Status::Pending {
                        bytes: s.size(),
                        background: false,
                    };
                }
            }
            Action::TooLarge { revision, bytes } => {
                if revision == s.revision {
                    s.status = Status::TooLarge { bytes, file: None };
                    s.last = None;
                }
            }
            Action::FileTooLarge { name, bytes } => {
                s.status = Status::TooLarge {
                    bytes,
                    file: Some(name),
                };
            }
            Action::Failed(message) => {
                s.status = Status::Failed(message);
            }
            Action::SelectSession(i) => {
                s.session = i;
                s.finding = None;
                s.selected = Rc::new(Vec::new());
                s.active_line = None;
            }
            Action::SelectFinding(f) => {
                s.finding = f;
                let lines = f
                    .and_then(|i| s.report().and_then(|r| r.findings.get(i)))
                    .map(|f| f.lines.clone())
                    .unwrap_or_default();
                s.active_line = lines.first().copied().or(s.active_line);
                s.selected = Rc::new(lines);
                s.selection_seq += 1;
            }
            Action::SelectLines(lines) => {
                s.finding = None;
                s.active_line = lines.first().copied().or(s.active_line);
                s.selected = Rc::new(lines);
                s.selection_seq += 1;
            }
            Action::SetActiveLine(line) => {
                s.active_line = line;
            }
            Action::ToggleReveal => s.reveal = !s.reveal,
            Action::SetTheme(theme) => s.theme = theme,
            Action::SetRoute(route) => s.route = route,
            Action::Toast(message) => s.toast = message,
        }
        Rc::new(s)
    }
}

impl State {
    fn set_text(&mut self, text: Rc<str>) {
        self.burst = changed_bytes(&self.text, &text) > BURST;
        self.status = if text.trim().is_empty() {
            self.last = None;
            Status::Empty
        } else {
            Status::Pending {
                bytes: text.len(),
                background: text.len() >= super::large::WORKER_FROM,
            }
        };
        self.text = text;
        self.big = None;
        self.revision += 1;
        self.job = if self.background() {
            self.revision
        } else {
            u64::MAX
        };
        self.overview = None;
        self.large_session = 0;
        self.large_chosen = false;
        self.finding = None;
        self.selected = Rc::new(Vec::new());
        self.active_line = None;
    }

    /// The size of the paste (UTF-16 units for a large one, else bytes).
    pub fn size(&self) -> usize {
        self.big
            .as_ref()
            .map_or(self.text.len(), |b| b.units as usize)
    }

    /// Whether the current text goes to the background worker.
    pub fn background(&self) -> bool {
        matches!(
            self.status,
            Status::Pending {
                background: true,
                ..
            }
        )
    }

    /// The analysis of the current text on screen.
    fn show(&mut self, analysis: Rc<Analysis>) {
        let sessions = analysis.report.sessions.len();
        if self.session >= sessions {
            self.session = 0;
        }
        self.last = Some(analysis.clone());
        self.status = Status::Ready(analysis);
        self.finding = None;
        self.selected = Rc::new(Vec::new());
    }

    /// A burst (a paste, an example, a file, a menu choice) of a typical
    /// size is analysed at once (see the module's documentation); anything
    /// else stays pending for `App`'s timer or the background worker.
    fn analyse_burst(&mut self) {
        let small = matches!(
            self.status,
            Status::Pending {
                bytes,
                background: false,
            } if bytes < NOW_BELOW
        );
        if self.burst && small && self.big.is_none() {
            let opts = smtp_lens::Options {
                port: self.port.port(),
                format: self.format,
            };
            self.show(Rc::new(analyse(self.text.clone(), &opts)));
        }
    }

    fn reanalyse(&mut self) {
        let text = self.text.clone();
        let last = self.last.clone();
        let big = self.big.clone();
        self.set_text(text);
        // A choice in a menu, not typing: analysed at once.
        self.burst = true;
        self.last = last;
        if let Some(big) = big {
            self.status = Status::Pending {
                bytes: big.units as usize,
                background: true,
            };
            self.big = Some(big);
            self.job = self.revision;
        } else {
            self.analyse_burst();
        }
    }

    /// The worker's overview of a large paste (a first look, or the whole):
    /// opens the worst session, or keeps the one on screen when it is the
    /// same session (the whole paste after a first look) or the user's
    /// choice.
    fn show_overview(&mut self, overview: Rc<Overview>) {
        let want = if self.large_chosen {
            self.large_session
        } else {
            worst(&overview)
        };
        let brief = |o: &Overview, i: usize| o.sessions.iter().find(|b| b.index == i).cloned();
        let on_screen = matches!(
            self.status,
            Status::Ready(_)
                | Status::Pending {
                    background: false,
                    ..
                }
        );
        let same = on_screen
            && want == self.large_session
            && self
                .overview
                .as_ref()
                .and_then(|o| brief(o, want))
                .is_some_and(|b| {
                    brief(&overview, want).is_some_and(|n| {
                        (b.start16, b.end16, &b.port, &b.format)
                            == (n.start16, n.end16, &n.port, &n.format)
                    })
                });
        self.overview = Some(overview);
        if same {
            return;
        }
        self.large_session = want;
        self.session = 0;
        self.finding = None;
        self.selected = Rc::new(Vec::new());
        self.active_line = None;
        self.revision += 1;
        self.status = Status::Pending {
            bytes: self.size(),
            background: false,
        };
    }
}

/// More changed bytes than this in one change is a paste, not typing.
const BURST: usize = 64;

/// A burst under this many bytes is analysed as it is reduced (the engine
/// takes a few milliseconds for it); a larger one waits for `App`'s timer,
/// so the text box shows it first.
pub const NOW_BELOW: usize = 64 * 1024;

/// How many bytes differ between two texts: the length of the changed
/// part once their common start and end are set aside (a keystroke: 0 or
/// 1; a paste: its length).
fn changed_bytes(old: &str, new: &str) -> usize {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (a.get(head..).unwrap_or(&[]), b.get(head..).unwrap_or(&[]));
    let tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len().max(b.len()) - tail
}

/// The index of the worst session of an overview (the first of the worst).
fn worst(o: &Overview) -> usize {
    const RANK: [&str; 5] = ["F", "D", "C", "B", "A"];
    o.sessions
        .iter()
        .min_by_key(|b| RANK.iter().position(|g| *g == b.grade).unwrap_or(5))
        .map_or(0, |b| b.index)
}
