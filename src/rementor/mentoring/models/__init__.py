"""What pairs live in for six months: training, charter, objectives, sessions, feedback."""

from rementor.mentoring.models.charter import PairCharter
from rementor.mentoring.models.concerns import Concern, ConcernStatus, Idea
from rementor.mentoring.models.feedback import CheckIn, CheckInKind, Pulse
from rementor.mentoring.models.objectives import (
    MentorGoalArea,
    Objective,
    ObjectiveChange,
    ObjectiveOwner,
    ObjectiveStatus,
    PracticeTask,
)
from rementor.mentoring.models.reminders import ReminderLog, ReminderOptOut
from rementor.mentoring.models.sessions import (
    MentoringSession,
    PrivateNote,
    SessionMode,
    SessionStatus,
)
from rementor.mentoring.models.training import (
    Audience,
    QuizQuestion,
    TrainingCompletion,
    TrainingModule,
)

__all__ = [
    "Audience",
    "CheckIn",
    "CheckInKind",
    "Concern",
    "ConcernStatus",
    "Idea",
    "MentorGoalArea",
    "MentoringSession",
    "Objective",
    "ObjectiveChange",
    "ObjectiveOwner",
    "ObjectiveStatus",
    "PairCharter",
    "PracticeTask",
    "PrivateNote",
    "Pulse",
    "QuizQuestion",
    "ReminderLog",
    "ReminderOptOut",
    "SessionMode",
    "SessionStatus",
    "TrainingCompletion",
    "TrainingModule",
]
