"""The framework selector: which of FastAPI, Flask or Django, with which stack, and why.

Standard library only and free of I/O, so the same files run in the browser under Pyodide and
on the command line (``python -m selector``). Everything works on the plain-JSON payload built
by ``macros.selector_data.selector_payload`` from ``data/decision_tree.yaml`` and friends.

``recommend(payload, answers)`` returns a JSON-serialisable dict with the keys:

- ``framework``, ``framework_name``: the winner's slug and name;
- ``runner_up``: None when no other candidate has points, else ``slugs`` and ``names`` (several
  when they tie), ``points`` and ``tied_with_winner``;
- ``scores``: slug -> int, in candidate order; ``tied``: the slugs sharing the top score;
- ``reasons``: one dict per counted answer, in question order: ``question``, ``question_text``,
  ``answer``, ``label``, ``text``, ``source`` (a URL or None), ``effect`` (slug -> points);
- ``sharpen``: open questions with an answer that would change the winner: ``question``,
  ``text``, ``flips`` (list of ``answer``, ``label``, ``framework``);
- ``stack``: the stack composed for these answers: ``name``; ``parts`` (see
  ``selector.compose``: role, library, version, reason and the answers it came from);
  ``equals``, the slug of the reference stack it is, or None; ``closest``, the nearest
  reference stack's ``slug``, ``name`` and ``summary``;
- ``sharpen_stack``: open questions with an answer that would add or drop parts: ``question``,
  ``text``, ``changes`` (list of ``answer``, ``label``, ``framework``, ``adds``, ``drops``,
  each part as ``role``, ``role_label``, ``slug``, ``name``);
- ``pyproject``: a ready-to-paste ``[project]`` block listing only the parts' packages
  (``selector.stack.pyproject_block``);
- ``install_check``: whether that block resolves together on the guide's Python versions
  (``state``, ``text``, ``checked``, ``pythons``, ``failures``; see ``selector.install_check``);
- ``answers``: the answers that counted, normalised, in question order;
- ``ignored``: valid answers to questions that are not asked given the other answers;
- ``errors``: what was wrong with the input (never an exception).

Equal scores are broken by the order of ``candidates`` in the payload: the earlier one wins.
"""

from selector.engine import recommend
from selector.links import apply_preset, parse_query, preset_names, to_query

__all__ = ["apply_preset", "parse_query", "preset_names", "recommend", "to_query"]
