# The revision's own email state and the quote's notice claim now live in the outbox (0004).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('quotes', '0004_outbox_rows'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='quoterevision',
            name='quoterevision_email_idx',
        ),
        migrations.RemoveField(
            model_name='quote',
            name='answer_notified_at',
        ),
        migrations.RemoveField(
            model_name='quoterevision',
            name='email_attempts',
        ),
        migrations.RemoveField(
            model_name='quoterevision',
            name='email_claimed_at',
        ),
        migrations.RemoveField(
            model_name='quoterevision',
            name='email_error',
        ),
        migrations.RemoveField(
            model_name='quoterevision',
            name='email_sent_at',
        ),
        migrations.RemoveField(
            model_name='quoterevision',
            name='email_status',
        ),
    ]
