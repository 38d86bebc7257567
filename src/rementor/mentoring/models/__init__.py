"""What pairs live in for six months: charter, objectives, sessions, feedback, concerns and
ideas, messages within a pair, reminders. Training is its own app (``rementor.training``)."""

from rementor.mentoring.models.calendar_feeds import CalendarFeed
from rementor.mentoring.models.calendar_push import CalendarPush
from rementor.mentoring.models.charter import PairCharter
from rementor.mentoring.models.concerns import Concern, ConcernStatus, Idea
from rementor.mentoring.models.feedback import CheckIn, CheckInKind, Pulse
from rementor.mentoring.models.groups import GroupMembership, GroupObjective, MentoringGroup
from rementor.mentoring.models.messages import MESSAGE_MAX_LENGTH, MessageThreadState, PairMessage
from rementor.mentoring.models.objectives import (
    MentorGoalArea,
    Objective,
    ObjectiveChange,
    ObjectiveOwner,
    ObjectiveStatus,
    PracticeTask,
)
from rementor.mentoring.models.plan import AgendaTopic, PairPlanStep, PlanStep
from rementor.mentoring.models.reciprocal import Phase, ReciprocalPhase, ReciprocalTopic
from rementor.mentoring.models.reminders import ReminderLog, ReminderOptOut
from rementor.mentoring.models.sessions import (
    MentoringSession,
    PrivateNote,
    SessionMode,
    SessionStatus,
    jitsi_url,
)

__all__ = [
    "MESSAGE_MAX_LENGTH",
    "AgendaTopic",
    "CalendarFeed",
    "CalendarPush",
    "CheckIn",
    "CheckInKind",
    "Concern",
    "ConcernStatus",
    "GroupMembership",
    "GroupObjective",
    "Idea",
    "MentorGoalArea",
    "MentoringGroup",
    "MentoringSession",
    "MessageThreadState",
    "Objective",
    "ObjectiveChange",
    "ObjectiveOwner",
    "ObjectiveStatus",
    "PairCharter",
    "PairMessage",
    "PairPlanStep",
    "Phase",
    "PlanStep",
    "PracticeTask",
    "PrivateNote",
    "Pulse",
    "ReciprocalPhase",
    "ReciprocalTopic",
    "ReminderLog",
    "ReminderOptOut",
    "SessionMode",
    "SessionStatus",
    "jitsi_url",
]
