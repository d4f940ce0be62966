//! Where a workshop is: waiting for people to join, on an activity (perhaps
//! paused, perhaps with its results shown), or closed. Only the facilitator's
//! commands move it, and only forwards past the end.

use crate::rating::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Waiting,
    Running,
    Paused,
    Closed,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Waiting => "waiting",
            Phase::Running => "running",
            Phase::Paused => "paused",
            Phase::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        [Phase::Waiting, Phase::Running, Phase::Paused, Phase::Closed].into_iter().find(|p| p.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopState {
    pub phase: Phase,
    /// Index of the current activity (0 while waiting).
    pub current: usize,
    /// The current activity's results are on the presenter screen and phones.
    pub revealed: bool,
}

impl Default for WorkshopState {
    fn default() -> Self {
        WorkshopState { phase: Phase::Waiting, current: 0, revealed: false }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Start, then the next activity, then close after the last one.
    Advance,
    Back,
    Pause,
    Resume,
    Reveal,
    Hide,
    Close,
}

impl Command {
    pub const ALL: [Command; 7] =
        [Command::Advance, Command::Back, Command::Pause, Command::Resume, Command::Reveal, Command::Hide, Command::Close];

    pub fn as_str(self) -> &'static str {
        match self {
            Command::Advance => "advance",
            Command::Back => "back",
            Command::Pause => "pause",
            Command::Resume => "resume",
            Command::Reveal => "reveal",
            Command::Hide => "hide",
            Command::Close => "close",
        }
    }

    pub fn parse(s: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }
}

impl WorkshopState {
    /// Young people's answers count only on the running activity.
    pub fn accepts(&self, activity: usize) -> bool {
        self.phase == Phase::Running && self.current == activity
    }

    /// The next state, or `NotAllowed` (409) for a command that makes no
    /// sense now (e.g. anything after closing).
    pub fn apply(self, command: Command, activities: usize) -> Result<WorkshopState, FieldError> {
        use Phase::*;
        let next = match (self.phase, command) {
            (Closed, _) => return Err(FieldError::NotAllowed),
            (_, Command::Close) => WorkshopState { phase: Closed, ..self },
            (Waiting, Command::Advance) if activities > 0 => WorkshopState { phase: Running, current: 0, revealed: false },
            (Waiting, Command::Advance) => WorkshopState { phase: Closed, ..self },
            (Running | Paused, Command::Advance) if self.current + 1 < activities => {
                WorkshopState { phase: Running, current: self.current + 1, revealed: false }
            }
            (Running | Paused, Command::Advance) => WorkshopState { phase: Closed, ..self },
            (Running | Paused, Command::Back) if self.current > 0 => {
                WorkshopState { phase: Running, current: self.current - 1, revealed: false }
            }
            (Running, Command::Pause) => WorkshopState { phase: Paused, ..self },
            (Paused, Command::Resume) => WorkshopState { phase: Running, ..self },
            (Running | Paused, Command::Reveal) => WorkshopState { revealed: true, ..self },
            (Running | Paused, Command::Hide) => WorkshopState { revealed: false, ..self },
            _ => return Err(FieldError::NotAllowed),
        };
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workshop_runs_from_start_to_close() {
        let s = WorkshopState::default();
        assert!(!s.accepts(0));
        let s = s.apply(Command::Advance, 2).expect("start");
        assert!(s.accepts(0) && !s.accepts(1));
        let s = s.apply(Command::Reveal, 2).expect("reveal");
        assert!(s.revealed);
        let s = s.apply(Command::Pause, 2).expect("pause");
        assert!(!s.accepts(0));
        let s = s.apply(Command::Advance, 2).expect("next");
        assert_eq!(s, WorkshopState { phase: Phase::Running, current: 1, revealed: false });
        let s = s.apply(Command::Advance, 2).expect("close after the last");
        assert_eq!(s.phase, Phase::Closed);
        assert_eq!(s.apply(Command::Resume, 2), Err(FieldError::NotAllowed));
    }

    #[test]
    fn senseless_commands_are_refused() {
        let waiting = WorkshopState::default();
        for c in [Command::Back, Command::Pause, Command::Resume, Command::Reveal] {
            assert_eq!(waiting.apply(c, 3), Err(FieldError::NotAllowed), "{c:?}");
        }
        let running = waiting.apply(Command::Advance, 3).expect("start");
        assert_eq!(running.apply(Command::Back, 3), Err(FieldError::NotAllowed));
        assert_eq!(running.apply(Command::Resume, 3), Err(FieldError::NotAllowed));
        assert_eq!(waiting.apply(Command::Close, 3).map(|s| s.phase), Ok(Phase::Closed));
    }

    #[test]
    fn commands_and_phases_parse() {
        for c in Command::ALL {
            assert_eq!(Command::parse(c.as_str()), Some(c));
        }
        assert_eq!(Command::parse("jump"), None);
        assert_eq!(Phase::parse("paused"), Some(Phase::Paused));
    }
}
