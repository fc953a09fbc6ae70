"""Ready by interview day: which questions to practise each day, and a readiness forecast.

A question is *ready* on a day when FSRS's retrievability of it at noon that day
is at least the target retention (default 0.9). The plan tries to make as many
of an interview's questions as possible ready on the interview's date.

The rule
--------
1. **Days and budget.** The plan covers every day from today to the day before
   the last upcoming interview. A day's budget is the largest "minutes per day"
   of the interviews still ahead of it; the day before an interview gets only
   ``LAST_DAY_SHARE`` of it (the last day is light); today's budget is reduced by
   the minutes already practised today. A question costs its time limit (the
   pack's, else the default from the settings, else 300 s).
2. **Weakness.** A question needs work when, without practice, it would be
   below the target on the date of some interview that covers it. Those
   questions are ranked weakest first: last rated Again, then never rated
   (never attempted, or attempted but not rated), then Hard, Good and Easy;
   ties by last key-point coverage (lowest first), retrievability on the first
   date (lowest first) and id.
3. **Placing reviews.** In that order each question gets all the reviews it
   needs, on days that still have room; each planned review is simulated with
   FSRS's own scheduler as a "Good" rating at noon that day (a plan cannot know
   the real rating; it is recomputed from the real log every time it is shown):

   * the first review of a never-rated or weak question (last rating Again or
     Hard, or under half the key points) goes on the earliest day with room;
   * every other review goes on the last day the question is still above the
     target (FSRS's own due date at the target retention), or the latest earlier
     day with room, or failing that the first later day with room, so reviews
     are spaced and the last one falls as close to the date as the curve allows;
   * a question needs no more reviews once it is above the target on the date
     of every interview that covers it.
4. **Budget too small.** When not every question's reviews fit, the plan says
   so. To get as many questions ready as the budget allows, questions are then
   chosen by the minutes they need to become ready (each placed alone on an
   empty calendar), fewest first and weakest first among equals; the chosen
   ones are placed weakest first again if they all fit that way, else in that
   order. The others are left out and listed weakest first.
5. **Forecast.** For each interview: the share of its questions above the target
   on the day if the plan is followed, if nothing is practised, and today (at
   ``now``); the same per category; and the share per day up to the date.
6. **After the date** the interview is *past*: the plan leaves it out (normal FSRS
   scheduling resumes), and it keeps the last forecast shown on or before its date
   (`KeptForecast`) beside what the user did: how many of its questions were
   above the target at noon on the day, replayed from the attempt log
   (`readiness_on_day`).

The same questions, states, interviews and ``now`` always give the same plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from aipm_desktop.core.questions import DEFAULT_TIME_LIMIT_SECONDS
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.scheduling import (
    DEFAULT_DESIRED_RETENTION,
    Review,
    ReviewScheduler,
    ReviewState,
    clamp_retention,
)

DEFAULT_TARGET_RETENTION = DEFAULT_DESIRED_RETENTION
DEFAULT_MINUTES_PER_DAY = 30
LAST_DAY_SHARE = 0.5
"""The share of the daily budget planned on the day before an interview."""
WEAK_COVERAGE = 0.5
"""Below this share of key points covered, a question counts as weak."""
MAX_REVIEWS_PER_QUESTION = 20
PLANNED_RATING = Rating.GOOD
"""The rating assumed for every planned review."""
_WEAKNESS_LEVEL: dict[Rating | None, float] = {
    Rating.AGAIN: 0.0,
    None: 1.0,  # never rated
    Rating.HARD: 2.0,
    Rating.GOOD: 3.0,
    Rating.EASY: 4.0,
}
"""Weakest first: last rated Again, then never rated, then Hard, Good, Easy."""
REVIEW_TIME = time(12, 0)
"""Planned reviews and readiness on a day are taken at noon (in ``now``'s time zone)."""


@dataclass(frozen=True)
class KeptForecast:
    """The last forecast made for an interview on or before its date (counts of questions)."""

    made_on: date
    total: int
    with_plan: int
    without_practice: int
    today: int
    """Ready when the forecast was made."""

    def describe(self) -> str:
        """E.g. "forecast of Jan 13: 9 of 10 ready with the plan, 4 without practice"."""
        day = f"{self.made_on:%b} {self.made_on.day}"
        return (
            f"forecast of {day}: {self.with_plan} of {self.total} ready with the plan, "
            f"{self.without_practice} without practice"
        )


@dataclass(frozen=True)
class Interview:
    """An interview the user prepares for."""

    id: int
    date: date
    title: str = ""
    company: str = ""
    role: str = ""
    packs: tuple[str, ...] = ()
    """Pack ids it covers; with ``categories`` empty too, it covers every question."""
    categories: tuple[str, ...] = ()
    minutes_per_day: int = DEFAULT_MINUTES_PER_DAY
    forecast: KeptForecast | None = None
    """The last forecast made on or before the date, if one was shown."""

    def covers(self, pack_id: str, category: str) -> bool:
        """True when a question of this pack and category is one to prepare."""
        if not self.packs and not self.categories:
            return True
        return pack_id in self.packs or category in self.categories

    @property
    def label(self) -> str:
        """A short name: the title, else company and role, else the date."""
        if self.title:
            return self.title
        named = " – ".join(part for part in (self.company, self.role) if part)
        return named or f"Interview on {self.date.isoformat()}"


@dataclass(frozen=True)
class PlanQuestion:
    """What the plan needs to know about one question."""

    id: str
    category: str
    pack_id: str
    time_limit_seconds: int = DEFAULT_TIME_LIMIT_SECONDS
    state: ReviewState | None = None
    """Its FSRS state from the attempt log; None if never rated."""
    attempted: bool = False
    last_rating: Rating | None = None
    last_coverage: float | None = None
    """Share of key points covered in the latest attempt (0–1), if known."""

    @property
    def weak(self) -> bool:
        """Never rated, last rated Again or Hard, or under half the key points covered."""
        if self.state is None or self.last_rating in (Rating.AGAIN, Rating.HARD):
            return True
        return self.last_coverage is not None and self.last_coverage < WEAK_COVERAGE


@dataclass(frozen=True)
class PlannedQuestion:
    """One question to practise on a day."""

    id: str
    minutes: float


@dataclass(frozen=True)
class PlanDay:
    """The questions to practise on one day, weakest first."""

    date: date
    questions: tuple[PlannedQuestion, ...]
    budget_minutes: float

    @property
    def minutes(self) -> float:
        """The day's estimated practice time."""
        return sum(q.minutes for q in self.questions)


@dataclass(frozen=True)
class Forecast:
    """How many of a set of questions are above the target on the day."""

    total: int
    with_plan: int
    without_practice: int
    today: int

    def share(self, count: int) -> float:
        """``count`` as a share of ``total`` (0 when there are no questions)."""
        return count / self.total if self.total else 0.0


@dataclass(frozen=True)
class ReadinessPoint:
    """The share of an interview's questions above the target on one day."""

    date: date
    with_plan: float
    without_practice: float


@dataclass(frozen=True)
class InterviewForecast:
    """The readiness forecast of one interview."""

    interview: Interview
    question_ids: tuple[str, ...]
    forecast: Forecast
    categories: tuple[tuple[str, Forecast], ...]
    readiness: tuple[ReadinessPoint, ...]
    """One point per day from today to the interview's date."""

    def kept(self) -> KeptForecast:
        """This forecast, as an interview keeps it once its date is past."""
        f = self.forecast
        return KeptForecast(
            made_on=self.readiness[0].date if self.readiness else self.interview.date,
            total=f.total,
            with_plan=f.with_plan,
            without_practice=f.without_practice,
            today=f.today,
        )

    def sentence(self) -> str:
        """E.g. "Following the plan: 9 of 10 questions ready on Jan 14 (today: 4)."."""
        f = self.forecast
        if not f.total:
            return "No loaded question is in this interview's packs or categories."
        noun = "question" if f.total == 1 else "questions"
        day = f"{self.interview.date:%b} {self.interview.date.day}"
        return (
            f"Following the plan: {f.with_plan} of {f.total} {noun} ready on {day} "
            f"(today: {f.today})."
        )


@dataclass(frozen=True)
class StudyPlan:
    """Days to practise and the forecast for each upcoming interview."""

    today: date
    target_retention: float
    days: tuple[PlanDay, ...]
    interviews: tuple[InterviewForecast, ...]
    left_out: tuple[str, ...] = ()
    """Questions needing work that the budget cannot fit, weakest first."""
    ranked: tuple[str, ...] = ()
    """Every question needing work, weakest first."""

    @property
    def budget_too_small(self) -> bool:
        """True when some question could not be made ready within the daily budget."""
        return bool(self.left_out)

    def day(self, when: date) -> PlanDay | None:
        """The plan of one day, if it is in the plan."""
        return next((d for d in self.days if d.date == when), None)

    def today_ids(self) -> list[str]:
        """Today's questions, weakest first (for an "In today's plan" filter)."""
        today = self.day(self.today)
        return [] if today is None else [q.id for q in today.questions]

    def notice(self) -> str:
        """A sentence about the budget: empty when everything fits."""
        if not self.left_out:
            return ""
        needed = len(self.ranked)
        count = len(self.left_out)
        noun = "question" if count == 1 else "questions"
        return (
            f"The daily budget is too small: {count} of {needed} {noun} needing practice "
            "cannot be made ready in time. The plan keeps the weakest first; add minutes "
            "per day to fit the rest."
        )


def build_plan(
    questions: Sequence[PlanQuestion],
    interviews: Iterable[Interview],
    now: datetime,
    *,
    target_retention: float = DEFAULT_TARGET_RETENTION,
    minutes_done_today: float = 0.0,
) -> StudyPlan:
    """The plan from ``now`` to the last upcoming interview; see the module docstring."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be timezone-aware, got {now!r}")
    if not 0.0 < target_retention < 1.0:
        raise ValueError(f"target retention must be between 0 and 1, got {target_retention}")
    planner = _Planner(questions, interviews, now, target_retention, minutes_done_today)
    return planner.plan()


class _Planner:
    """One run of the rule in the module docstring."""

    def __init__(
        self,
        questions: Sequence[PlanQuestion],
        interviews: Iterable[Interview],
        now: datetime,
        target: float,
        minutes_done_today: float,
    ) -> None:
        self.now = now
        self.today = now.date()
        self.target = target
        self.scheduler = ReviewScheduler(clamp_retention(target))
        self.questions = sorted(questions, key=lambda q: q.id)
        self.upcoming = sorted(
            (i for i in interviews if i.date >= self.today), key=lambda i: (i.date, i.id)
        )
        ahead = [i for i in self.upcoming if i.date > self.today]
        self.dates: dict[str, tuple[date, ...]] = {}
        for q in self.questions:
            covering = sorted({i.date for i in ahead if i.covers(q.pack_id, q.category)})
            if covering:
                self.dates[q.id] = tuple(covering)
        self.budget = self._capacity(ahead, minutes_done_today)
        self.capacity = dict(self.budget)
        """Seconds still free each day, as reviews are placed."""
        self.reviews: dict[str, list[tuple[date, ReviewState]]] = {}
        self._costs: dict[tuple[str | None, bool, int, tuple[date, ...]], float] = {}
        self._moments: dict[date, datetime] = {}
        self._ready: dict[tuple[str | None, date], bool] = {}
        self.plan_days = sorted(self.budget)

    # -- days ------------------------------------------------------------
    def moment(self, day: date) -> datetime:
        """When a planned review on ``day`` happens (never before ``now`` today)."""
        if day not in self._moments:
            at = datetime.combine(day, REVIEW_TIME, tzinfo=self.now.tzinfo)
            self._moments[day] = max(at, self.now) if day == self.today else at
        return self._moments[day]

    def span(self, first: date, last: date) -> list[date]:
        """The plan's days from ``first`` to ``last`` inclusive."""
        start = max(0, (first - self.today).days)
        return self.plan_days[start : (last - self.today).days + 1]

    def _capacity(self, ahead: Sequence[Interview], minutes_done_today: float) -> dict[date, float]:
        """Seconds of practice each day can take."""
        capacity: dict[date, float] = {}
        if not ahead:
            return capacity
        dates = {i.date for i in ahead}
        day = self.today
        while day < ahead[-1].date:
            minutes = float(max(i.minutes_per_day for i in ahead if i.date > day))
            if day + timedelta(days=1) in dates:
                minutes *= LAST_DAY_SHARE
            if day == self.today:
                minutes = max(0.0, minutes - minutes_done_today)
            capacity[day] = minutes * 60.0
            day += timedelta(days=1)
        return capacity

    # -- recall ----------------------------------------------------------
    def ready(self, state: ReviewState | None, day: date) -> bool:
        """True when the question is above the target at noon on ``day``."""
        key = (None if state is None else state.card_json, day)
        if key not in self._ready:
            recall = self.scheduler.retrievability(state, self.moment(day))
            self._ready[key] = recall >= self.target
        return self._ready[key]

    def state_before(self, question: PlanQuestion, day: date) -> ReviewState | None:
        """The question's state after the planned reviews on days before ``day``."""
        state = question.state
        for review_day, after in self.reviews.get(question.id, ()):
            if review_day < day:
                state = after
        return state

    # -- planning --------------------------------------------------------
    def plan(self) -> StudyPlan:
        needing = [q for q in self.questions if self._failing(q, q.state, self.today)]
        ranked = sorted(needing, key=self._weakness)
        self.reviews = self._fit(ranked)
        left_out = {q.id for q in ranked if q.id not in self.reviews}
        return StudyPlan(
            today=self.today,
            target_retention=self.target,
            days=self._days(ranked),
            interviews=tuple(self._forecast(i) for i in self.upcoming),
            left_out=tuple(q.id for q in ranked if q.id in left_out),
            ranked=tuple(q.id for q in ranked),
        )

    def _failing(
        self, question: PlanQuestion, state: ReviewState | None, after: date
    ) -> list[date]:
        """Covering dates later than ``after`` on which the question would be below target."""
        return [
            d for d in self.dates.get(question.id, ()) if d > after and not self.ready(state, d)
        ]

    def _weakness(self, question: PlanQuestion) -> tuple[float, float, float, str]:
        first_date = self.dates[question.id][0]
        return (
            _WEAKNESS_LEVEL[question.last_rating if question.state is not None else None],
            question.last_coverage if question.last_coverage is not None else 0.0,
            self.scheduler.retrievability(question.state, self.moment(first_date)),
            question.id,
        )

    def _fit(self, ranked: Sequence[PlanQuestion]) -> dict[str, list[tuple[date, ReviewState]]]:
        """Reviews for as many questions as fit, placed weakest first when possible."""
        everything = self._place_all(ranked)
        if len(everything) == len(ranked):
            return everything
        position = {q.id: index for index, q in enumerate(ranked)}
        cost = {q.id: self._cost_alone(q) for q in ranked}
        self.capacity = dict(self.budget)
        by_cost = self._place_all(sorted(ranked, key=lambda q: (cost[q.id], position[q.id])))
        fitting = [q for q in ranked if q.id in by_cost]
        saved, self.capacity = self.capacity, dict(self.budget)
        weakest_first = self._place_all(fitting)
        if len(weakest_first) == len(fitting):
            return weakest_first
        self.capacity = saved
        return by_cost

    def _place_all(
        self, questions: Sequence[PlanQuestion]
    ) -> dict[str, list[tuple[date, ReviewState]]]:
        """Place the questions in this order; those that do not fit get no entry."""
        reviews = {}
        for question in questions:
            placed = self._place(question)
            if placed is not None:
                reviews[question.id] = placed
        return reviews

    def _cost_alone(self, question: PlanQuestion) -> float:
        """Seconds of practice the question needs with the whole budget to itself."""
        state = None if question.state is None else question.state.card_json
        key = (state, question.weak, question.time_limit_seconds, self.dates[question.id])
        if key not in self._costs:  # questions alike (e.g. never rated) cost the same
            remaining, self.capacity = self.capacity, dict(self.budget)
            try:
                placed = self._place(question)
            finally:
                self.capacity = remaining
            seconds = float(question.time_limit_seconds)
            self._costs[key] = math.inf if placed is None else len(placed) * seconds
        return self._costs[key]

    def _place(self, question: PlanQuestion) -> list[tuple[date, ReviewState]] | None:
        """Reserve the question's reviews; None (nothing reserved) if they do not fit."""
        cost = float(question.time_limit_seconds)
        state = question.state
        earliest = self.today
        placed: list[tuple[date, ReviewState]] = []
        for _ in range(MAX_REVIEWS_PER_QUESTION):
            failing = self._failing(question, state, earliest - timedelta(days=1))
            if not failing:
                return placed
            window_end = failing[0] - timedelta(days=1)
            if not placed and question.weak:
                candidates = self.span(earliest, window_end)
            else:
                last_above = self._last_day_above(state, earliest, window_end)
                before = self.span(earliest, last_above)[::-1]
                candidates = before + self.span(last_above + timedelta(days=1), window_end)
            chosen = next((d for d in candidates if self.capacity.get(d, 0.0) >= cost), None)
            if chosen is None:
                break
            self.capacity[chosen] -= cost
            state = self.scheduler.review(
                question.id, state, Review(self.moment(chosen), PLANNED_RATING)
            )
            placed.append((chosen, state))
            earliest = chosen + timedelta(days=1)
        for day, _state in placed:  # it does not fit: free what it took
            self.capacity[day] += cost
        return None

    def _last_day_above(self, state: ReviewState | None, first: date, last: date) -> date:
        """The last day in ``first..last`` before the question drops below target."""
        day = first
        while day <= last and self.ready(state, day):
            day += timedelta(days=1)
        return day - timedelta(days=1)

    def _days(self, ranked: Sequence[PlanQuestion]) -> tuple[PlanDay, ...]:
        order = {q.id: index for index, q in enumerate(ranked)}
        cost = {q.id: q.time_limit_seconds / 60.0 for q in ranked}
        by_day: dict[date, list[str]] = {}
        for question_id, placed in self.reviews.items():
            for day, _state in placed:
                by_day.setdefault(day, []).append(question_id)
        days = []
        for day in sorted(self.capacity):
            ids = sorted(by_day.get(day, ()), key=order.__getitem__)
            planned = tuple(PlannedQuestion(i, cost[i]) for i in ids)
            days.append(PlanDay(day, planned, self.budget[day] / 60.0))
        return tuple(days)

    # -- forecast --------------------------------------------------------
    def _forecast(self, interview: Interview) -> InterviewForecast:
        covered = [q for q in self.questions if interview.covers(q.pack_id, q.category)]
        by_category: dict[str, list[PlanQuestion]] = {}
        for q in covered:
            by_category.setdefault(q.category, []).append(q)
        readiness = []
        for day in _days_between(self.today, interview.date):
            readiness.append(
                ReadinessPoint(
                    day,
                    self._share(covered, day, planned=True),
                    self._share(covered, day, planned=False),
                )
            )
        return InterviewForecast(
            interview=interview,
            question_ids=tuple(q.id for q in covered),
            forecast=self._count(covered, interview.date),
            categories=tuple(
                (c, self._count(qs, interview.date)) for c, qs in sorted(by_category.items())
            ),
            readiness=tuple(readiness),
        )

    def _count(self, questions: Sequence[PlanQuestion], day: date) -> Forecast:
        now = self.now.astimezone(UTC)
        return Forecast(
            total=len(questions),
            with_plan=sum(self.ready(self.state_before(q, day), day) for q in questions),
            without_practice=sum(self.ready(q.state, day) for q in questions),
            today=sum(
                self.scheduler.retrievability(q.state, now) >= self.target for q in questions
            ),
        )

    def _share(self, questions: Sequence[PlanQuestion], day: date, *, planned: bool) -> float:
        if not questions:
            return 0.0
        ready = sum(
            self.ready(self.state_before(q, day) if planned else q.state, day) for q in questions
        )
        return ready / len(questions)


def _days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last`` inclusive (empty when ``last`` is earlier)."""
    count = (last - first).days + 1
    return [first + timedelta(days=n) for n in range(max(0, count))]


def readiness_change(before: StudyPlan, after: StudyPlan) -> list[str]:
    """What a session changed, one sentence per interview whose forecast moved.

    E.g. "Acme: ready today 4 → 6 of 10; on Jan 14 with the plan 9 → 10."
    """
    earlier = {item.interview.id: item.forecast for item in before.interviews}
    sentences = []
    for item in after.interviews:
        old = earlier.get(item.interview.id)
        new = item.forecast
        if old is None or (old.today, old.with_plan) == (new.today, new.with_plan):
            continue
        day = f"{item.interview.date:%b} {item.interview.date.day}"
        sentences.append(
            f"{item.interview.label}: ready today {old.today} → {new.today} of {new.total}; "
            f"on {day} with the plan {old.with_plan} → {new.with_plan}."
        )
    return sentences


def readiness_on_day(
    interview: Interview,
    questions: Iterable[PlanQuestion],
    reviews: Mapping[str, Sequence[Review]],
    zone: tzinfo,
    *,
    target_retention: float = DEFAULT_TARGET_RETENTION,
) -> tuple[int, int]:
    """(ready, total): how many of the interview's questions were above the target at
    noon on its date (in ``zone``), replaying only the reviews made by then."""
    scheduler = ReviewScheduler(clamp_retention(target_retention))
    noon = datetime.combine(interview.date, REVIEW_TIME, tzinfo=zone)
    ready = total = 0
    for question in questions:
        if not interview.covers(question.pack_id, question.category):
            continue
        total += 1
        done = [r for r in reviews.get(question.id, ()) if r.reviewed_at <= noon]
        state = scheduler.replay(question.id, done)
        ready += scheduler.retrievability(state, noon) >= target_retention
    return ready, total
