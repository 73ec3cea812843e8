"""Write occupation tables to a data directory, as a scenario's ``occupations.path`` reads them."""

from pathlib import Path

from sim.data import OCCUPATIONS_FILE, SKILLS_FILE, TASKS_FILE, TRANSITIONS_FILE, OccupationTables


def write_tables(tables: OccupationTables, directory: Path) -> Path:
    """Write the four tables into ``directory`` (created if needed) and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    tables.occupations.to_csv(directory / OCCUPATIONS_FILE, index=False)
    tables.tasks.to_csv(directory / TASKS_FILE, index=False)
    tables.transitions.to_csv(directory / TRANSITIONS_FILE, index=False)
    tables.skills.to_csv(directory / SKILLS_FILE, index=False)
    return directory
