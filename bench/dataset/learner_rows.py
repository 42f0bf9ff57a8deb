"""Learners, their consents and self-assessments, written through COPY once their sessions are
known (first and last session, session count). A mixin of builder.Builder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.vocabulary import FoundationTask

from .pgload import CopyTable, pg_array, uuid_hex
from .shape import (
    AGE_WEIGHTS,
    CONSENT_METHOD_WEIGHTS,
    DISABILITY_WEIGHTS,
    EMPLOYMENT_WEIGHTS,
    FIRST_NAMES,
    GENDER_WEIGHTS,
    HEARD_WEIGHTS,
    LANGUAGE_WEIGHTS,
    LAST_NAMES,
    PLACES,
    Picker,
)

if TYPE_CHECKING:
    from .builder import Org


def learner_reference(index: int) -> str:
    # A bijection of the index onto 6 characters of the learner alphabet (an odd multiplier
    # modulo 32**6), so references look random and never collide within an organisation.
    from learners.models import REFERENCE_ALPHABET

    value = (index * 0x2545F491 + 0x1234567) % (32**6)
    chars = []
    for _ in range(6):
        value, digit = divmod(value, 32)
        chars.append(REFERENCE_ALPHABET[digit])
    return "L-" + "".join(chars)


class LearnerRows:
    """Learner profiles first, then learners, consents and self-assessments, for builder.Builder."""

    def _learner_profiles(self) -> None:
        """Who the 100,000 learners are and when each first came; rows are written later, once
        their sessions are known (first/last session dates and counts)."""
        rng = self.rng
        day_weights = [self._day_weight(d) for d in range(self.days)]
        day_pick = Picker(range(self.days), day_weights, rng)
        total_champions = len(self.champions)
        self.learner_org: list[Org] = []
        self.learner_start: list[int] = []
        per_org = []
        for org in self.orgs:
            per_org.append(
                max(20, round(self.scale.learners * len(org.champions) / total_champions))
            )
        per_org[0] = max(20, per_org[0] + self.scale.learners - sum(per_org))
        index = 0
        for org, count in zip(self.orgs, per_org, strict=True):
            starts = []
            for _ in range(count):
                day = day_pick()
                while day < org.joined:
                    day = day_pick()
                starts.append(day)
            starts.sort()
            for day in starts:
                org.learner_ids.append(index)
                org.learner_starts.append(day)
                self.learner_org.append(org)
                self.learner_start.append(day)
                index += 1
        self.learner_count = index
        self.first_session = [None] * index
        self.last_session = [0] * index
        self.session_count = [0] * index

    # -- learners, consents, self-assessments --
    def _learners(self) -> None:
        from learners.models import Consent, Learner, SelfAssessment

        rng = self.rng
        random_ = rng.random
        learner_table = CopyTable(
            Learner,
            [
                "id",
                "public_id",
                "organisation_id",
                "reference",
                "display_name",
                "contact_email",
                "contact_phone",
                "age_band",
                "gender",
                "employment_status",
                "disability",
                "first_language_english",
                "postcode_district",
                "heard_from",
                "is_shared",
                "created_by_id",
                "created_at",
                "updated_at",
                "first_session_on",
                "last_session_on",
                "session_count",
                "anonymised_at",
            ],
        )
        consent_table = CopyTable(
            Consent,
            [
                "id",
                "public_id",
                "organisation_id",
                "learner_id",
                "kind",
                "given",
                "method",
                "notice_version",
                "what_they_were_told",
                "recorded_by_id",
                "recorded_at",
                "withdrawn_at",
            ],
        )
        assessment_table = CopyTable(
            SelfAssessment,
            [
                "id",
                "public_id",
                "organisation_id",
                "learner_id",
                "assessed_on",
                "foundation",
                "communicating",
                "handling_information",
                "transacting",
                "problem_solving",
                "safe_and_legal",
                "foundation_tasks",
                "recorded_by_id",
                "created_at",
            ],
        )
        pickers = {
            name: Picker(w, w.values(), rng)
            for name, w in {
                "age": AGE_WEIGHTS,
                "gender": GENDER_WEIGHTS,
                "employment": EMPLOYMENT_WEIGHTS,
                "disability": DISABILITY_WEIGHTS,
                "language": LANGUAGE_WEIGHTS,
                "heard": HEARD_WEIGHTS,
                "method": CONSENT_METHOD_WEIGHTS,
            }.items()
        }
        tasks = list(FoundationTask.values)
        consent_id = self.next_ids["learners.Consent"]
        assessment_id = self.next_ids["learners.SelfAssessment"]
        per_org_index: dict[int, int] = {}
        date_strs = self.date_strs
        for index in range(self.learner_count):
            org = self.learner_org[index]
            number = per_org_index[org.id] = per_org_index.get(org.id, 0) + 1
            learner_id = self.learner_id_base + index
            start = self.learner_start[index]
            first = self.first_session[index]
            created_day = min(start, first) if first is not None else start
            created = f"{date_strs[created_day]} 10:15:00+00"
            champion = org.champions[int(random_() * len(org.champions))]
            recorder = str(champion.user_id)
            contact = random_() < 0.25
            disability = pickers["disability"]()
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)[0]}."
            learner_table.write(
                (
                    str(learner_id),
                    uuid_hex(rng),
                    str(org.id),
                    learner_reference(number),
                    name,
                    f"learner{learner_id}@example.net" if contact and random_() < 0.5 else "",
                    f"07700 9{learner_id % 100000:05d}" if contact else "",
                    pickers["age"](),
                    pickers["gender"](),
                    pickers["employment"](),
                    disability,
                    pickers["language"](),
                    rng.choice(PLACES[org.region][1]),
                    pickers["heard"](),
                    "t" if random_() < 0.3 else "f",
                    recorder,
                    created,
                    created,
                    date_strs[first] if first is not None else "\\N",
                    date_strs[self.last_session[index]] if first is not None else "\\N",
                    str(self.session_count[index]),
                    "\\N",
                )
            )
            method = pickers["method"]()
            kinds = (
                ["processing"]
                + (["contact"] if contact else [])
                + (["special_category"] if disability else [])
            )
            for kind in kinds:
                consent_table.write(
                    (
                        str(consent_id),
                        uuid_hex(rng),
                        str(org.id),
                        str(learner_id),
                        kind,
                        "t",
                        method,
                        "2026-1",
                        "",
                        recorder,
                        created,
                        "\\N",
                    )
                )
                consent_id += 1
            # A starting self-assessment for many, and a second one for regulars.
            if first is not None and random_() < 0.45:
                scores = [1 + int(random_() ** 1.3 * 4) for _ in range(6)]
                can_do = sorted(t for t in tasks if random_() < 0.45)
                assessment_table.write(
                    (
                        str(assessment_id),
                        uuid_hex(rng),
                        str(org.id),
                        str(learner_id),
                        date_strs[first],
                        *map(str, scores),
                        pg_array(can_do),
                        recorder,
                        f"{date_strs[first]} 11:00:00+00",
                    )
                )
                assessment_id += 1
                last = self.last_session[index]
                if self.session_count[index] >= 3 and last - first >= 14 and random_() < 0.6:
                    scores = [min(5, s + int(random_() * 2.4)) for s in scores]
                    can_do = sorted(set(can_do) | {t for t in tasks if random_() < 0.3})
                    assessment_table.write(
                        (
                            str(assessment_id),
                            uuid_hex(rng),
                            str(org.id),
                            str(learner_id),
                            date_strs[last],
                            *map(str, scores),
                            pg_array(can_do),
                            recorder,
                            f"{date_strs[last]} 11:00:00+00",
                        )
                    )
                    assessment_id += 1
        for table in (learner_table, consent_table, assessment_table):
            table.close()
        self.log(
            f"{learner_table.rows:,} learners, {consent_table.rows:,} consents, "
            f"{assessment_table.rows:,} self-assessments"
        )
