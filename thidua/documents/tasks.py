"""Tasks of the documents app, run by the tasks framework's worker (``manage.py db_worker``)."""

from django_tasks import task

from . import batches


@task()
def make_batch(batch_id: int) -> dict:
    """Render a batch's pending documents and build its archive."""
    return batches.run_batch(batch_id)
