"""The million rows: support sessions and their attendances, day by day over the scale's years, written
through COPY. A mixin of builder.Builder, whose state (organisations, champions, learners' start
days) it reads and whose per-learner figures it fills in for learner_rows."""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from core.vocabulary import (
    SKILL_AREA_FOR_TOPIC,
    SessionFormat,
    SessionStatus,
    Signposting,
    SkillArea,
)

from .pgload import CopyTable, pg_array, uuid_hex
from .shape import (
    BARRIER_WEIGHTS,
    CANCEL_WEIGHTS,
    DURATIONS,
    MODE_WEIGHTS,
    NOTES,
    PLANNED_AHEAD_DAYS,
    TOPIC_WEIGHTS,
    VENUES,
    Picker,
)

if TYPE_CHECKING:
    from .builder import Org


class SessionRows:
    """Sessions and attendances, for builder.Builder."""

    def _sessions(self) -> None:
        from sessions_log.models import Attendance, SupportSession

        rng = self.rng
        random_ = rng.random
        session_table = CopyTable(
            SupportSession,
            [
                "id",
                "public_id",
                "organisation_id",
                "champion_id",
                "team_id",
                "status",
                "cancel_reason",
                "cancel_note",
                "date",
                "start_time",
                "duration_minutes",
                "format",
                "mode",
                "venue",
                "skill_areas",
                "topics",
                "barriers",
                "device_support",
                "data_support",
                "signposting",
                "follow_up_needed",
                "follow_up_on",
                "follow_up_done_at",
                "notes",
                "anonymous_count",
                "people_count",
                "created_by_id",
                "created_at",
                "updated_at",
                "deleted_at",
                "deleted_by_id",
            ],
        )
        attendance_table = CopyTable(
            Attendance,
            [
                "id",
                "organisation_id",
                "session_id",
                "learner_id",
                "date",
                "confidence_before",
                "confidence_after",
                "goal_met",
            ],
        )
        self.session_table, self.attendance_table = session_table, attendance_table
        # Learner ids are assigned now so attendances can point at them before they are written.
        self.learner_id_base = self.next_ids["learners.Learner"]
        session_id = self.next_ids["sessions_log.SupportSession"]
        attendance_id = self.next_ids["sessions_log.Attendance"]

        # How many sessions each day: growth, weekly cycle and holidays, a few planned ahead.
        future_days = range(self.days, self.days + PLANNED_AHEAD_DAYS)
        future_weights = [
            self._day_weight(min(d, self.days - 1))
            * (0.9 - 0.7 * (d - self.days) / PLANNED_AHEAD_DAYS)
            * 0.12
            for d in future_days
        ]
        past_weights = [self._day_weight(d) for d in range(self.days)]
        scale = self.scale.sessions / (sum(past_weights) + sum(future_weights))
        counts, carry = [], 0.0
        for w in past_weights + future_weights:
            carry += w * scale
            n = int(carry)
            carry -= n
            counts.append(n)
        counts[-1 - PLANNED_AHEAD_DAYS] += self.scale.sessions - sum(counts)

        profile = self._profile_pool()
        mode_pick = Picker(MODE_WEIGHTS, MODE_WEIGHTS.values(), rng)
        cancel_pick = Picker(CANCEL_WEIGHTS, CANCEL_WEIGHTS.values(), rng)
        before_pick = Picker(["1", "2", "3", "4", "5"], [14, 30, 32, 18, 6], rng)
        uplift_pick = Picker([-1, 0, 1, 2], [4, 26, 50, 20], rng)
        durations = {k: [str(v) for v in vals] for k, vals in DURATIONS.items()}
        times = [f"{h:02d}:{m:02d}:00" for h in range(9, 19) for m in (0, 30)]
        today_n = self.days - 1
        date_strs = self.date_strs
        one, group, drop_in = SessionFormat.ONE_TO_ONE, SessionFormat.GROUP, SessionFormat.DROP_IN
        first_session, last_session, session_count = (
            self.first_session,
            self.last_session,
            self.session_count,
        )
        learner_base = self.learner_id_base
        n_total = 0
        active_month = -1
        pick_champion = None
        # Progress: every 100,000 sessions, or every twentieth of a bigger set.
        log_every = max(100_000, self.scale.sessions // 20)
        next_log = log_every
        started = time.monotonic()

        for day, n in enumerate(counts):
            if n == 0:
                continue
            month = day // 30
            if month != active_month:
                active_month = month
                active = [
                    c
                    for c in self.champions
                    if c.joined <= day + 30 and (c.left is None or c.left >= day)
                ]
                pick_champion = Picker(active, [c.weight for c in active], rng)
            date_s = date_strs[day]
            future = day > today_n
            recent = day > today_n - 14
            for _ in range(n):
                champion = pick_champion()
                for _retry in range(5):  # joined later this month: give it to a colleague
                    if champion.joined <= day:
                        break
                    champion = pick_champion()
                org = champion.org
                fmt = org.format_picker()
                r = random_()
                if future:
                    status = SessionStatus.PLANNED
                elif recent and r < 0.03:
                    status = SessionStatus.PLANNED  # not yet marked as done
                elif r < 0.065:
                    status = SessionStatus.CANCELLED
                elif r < 0.105 and fmt == one:
                    status = SessionStatus.NO_SHOW
                else:
                    status = SessionStatus.COMPLETED
                completed = status == SessionStatus.COMPLETED
                # Who came: learners with a record, and people without one.
                learners = ()
                anonymous = 0
                starts = org.learner_starts
                if fmt == one:
                    if random_() < 0.78 and starts:
                        learners = (self._pick_learner(org, day),)
                    else:
                        anonymous = 1
                elif fmt == group:
                    size = 3 + int(random_() * 10)
                    k = min(size, int(random_() * 5))
                    if starts:
                        learners = {self._pick_learner(org, day) for _ in range(k)}
                    anonymous = size - len(learners)
                else:
                    anonymous = 3 + int(22 * random_() ** 1.5)
                skills, topics, barriers, signposting = profile()
                start_time = times[int(random_() * 20)]
                cancel_reason = cancel_pick() if status == SessionStatus.CANCELLED else ""
                follow_up = completed and random_() < 0.1
                follow_on = follow_done = "\\N"
                if follow_up:
                    fday = day + (7 if random_() < 0.6 else 14)
                    follow_on = date_strs[fday]
                    if fday < today_n - 3 and random_() < 0.85:
                        follow_done = f"{date_strs[fday]} 16:00:00+00"
                created = (
                    f"{date_s} {start_time[:2]}:50:00+00"
                    if not future
                    else f"{date_strs[today_n - int(random_() * 14)]} 10:00:00+00"
                )
                deleted = deleted_by = "\\N"
                if random_() < 0.003:
                    deleted, deleted_by = created, str(champion.user_id)
                r = random_()
                device = "lent" if r < 0.03 else ("gifted" if r < 0.045 else "")
                r = random_()
                data = "sim" if r < 0.02 else ("voucher" if r < 0.04 else "")
                people = len(learners) + anonymous
                session_table.write(
                    (
                        str(session_id),
                        uuid_hex(rng),
                        str(org.id),
                        str(champion.user_id),
                        str(champion.team_id) if champion.team_id else "\\N",
                        status,
                        cancel_reason,
                        "",
                        date_s,
                        start_time,
                        durations[fmt][int(random_() * len(durations[fmt]))],
                        fmt,
                        mode_pick() if fmt != drop_in else "in_person",
                        VENUES[int(random_() * 10)],
                        skills,
                        topics,
                        barriers,
                        device,
                        data,
                        signposting,
                        "t" if follow_up else "f",
                        follow_on,
                        follow_done,
                        NOTES[int(random_() * 13)],
                        str(anonymous),
                        str(people),
                        str(champion.user_id),
                        created,
                        created,
                        deleted,
                        deleted_by,
                    )
                )
                live = deleted == "\\N"
                for learner in learners:
                    before = after = goal = "\\N"
                    if completed and random_() < 0.72:
                        b = before_pick()
                        before = b
                        after = str(max(1, min(5, int(b) + uplift_pick())))
                        goal = "t" if random_() < 0.78 else "f"
                    attendance_table.write(
                        (
                            str(attendance_id),
                            str(org.id),
                            str(session_id),
                            str(learner_base + learner),
                            date_s,
                            before,
                            after,
                            goal,
                        )
                    )
                    attendance_id += 1
                    if completed and live:
                        if first_session[learner] is None:
                            first_session[learner] = day
                        last_session[learner] = day
                        session_count[learner] += 1
                session_id += 1
                n_total += 1
            if n_total >= next_log:
                elapsed = time.monotonic() - started
                self.log(
                    f"{n_total:,} of {self.scale.sessions:,} sessions generated in "
                    f"{elapsed:.0f}s ({n_total / max(elapsed, 1e-9):,.0f} a second)"
                )
                next_log += log_every
        session_table.close()
        attendance_table.close()
        self.log(f"{n_total:,} sessions, {attendance_table.rows:,} attendances")

    def _pick_learner(self, org: Org, day: int) -> int:
        """Mostly learners who came recently, with a long tail of people who come back."""
        hi = bisect.bisect_right(org.learner_starts, day)
        if hi == 0:
            hi = 1
        return org.learner_ids[hi - 1 - int(hi * self.rng.random() ** 4)]

    def _profile_pool(self) -> Callable[[], tuple]:
        """2,000 realistic combinations of skill areas, topics, barriers and signposting, with
        topics driving skill areas; each session draws one."""
        rng = self.rng
        topic_pick = Picker(TOPIC_WEIGHTS, TOPIC_WEIGHTS.values(), rng)
        barrier_pick = Picker(BARRIER_WEIGHTS, BARRIER_WEIGHTS.values(), rng)
        signposts = list(Signposting.values)
        pool = []
        for _ in range(2000):
            topics = sorted({topic_pick() for _ in range(1 + int(rng.random() ** 2 * 3))})
            skills = sorted(
                {SKILL_AREA_FOR_TOPIC[t] for t in topics}
                | ({SkillArea.FOUNDATION} if rng.random() < 0.2 else set())
            )
            barriers = sorted({barrier_pick() for _ in range(int(rng.random() ** 1.5 * 3))})
            signposting = [rng.choice(signposts)] if rng.random() < 0.15 else []
            pool.append(
                (pg_array(skills), pg_array(topics), pg_array(barriers), pg_array(signposting))
            )
        random_ = rng.random
        return lambda: pool[int(random_() * 2000)]
