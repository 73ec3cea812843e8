"""The mechanism chain, one pure module per stage, in the order a step calls them.

1. :mod:`~sim.mechanisms.capability` effective compute = hardware x spending
   (S-curve) x algorithms, over time;
2. :mod:`~sim.mechanisms.exposure` capability as a time horizon and the
   probability that AI does each task, assisted or autonomously; an
   occupation's exposure is the share of its task time AI can do;
3. :mod:`~sim.mechanisms.adoption` Bass diffusion of AI use behind exposure,
   slowed by regulation;
4. :mod:`~sim.mechanisms.amplification` output per worker from the adopted
   assisted and autonomous shares (Amdahl's law);
5. :mod:`~sim.mechanisms.demand` price falls, demand answers with its elasticity
   (saturating), the income effect of the demand closure; required labour follows;
6. :mod:`~sim.mechanisms.labor` employment moves toward required labour through
   attrition, hiring (vacancies) and layoffs;
   :mod:`~sim.mechanisms.reallocation` the unemployed search along the mobility
   network (:mod:`~sim.mechanisms.network`) and are matched, wait or exit;
7. :mod:`~sim.mechanisms.wages` bargained wages, output value, labour share.

Policy levers act on stages: :mod:`~sim.mechanisms.regulation` delays the
exogenous paths of regulated occupations; compute governance caps spending in
:mod:`~sim.mechanisms.capability`; retraining is part of the matching.

Each module is numpy in, numpy out: no I/O, no printing, no global state, its
equations in its docstring.  Arrays carry a leading world axis (AI and no-AI,
see :mod:`sim.conventions`).  A new stage is a new module here, called from
:meth:`sim.model.LaborMarketModel.step`.  Mechanisms import only
:mod:`sim.params`, :mod:`sim.conventions` and each other.
"""
