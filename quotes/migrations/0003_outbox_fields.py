# The outbox takes every email: quotation emails and owner notices join the consultation
# emails; each row keeps its template and the values it shows. Timeline entries point at
# their quote. Data in 0004, the revision's own email columns go in 0005.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('quotes', '0002_quotes'),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='quote',
            field=models.ForeignKey(blank=True, help_text='The quote the entry is about, if any.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='activities', to='quotes.quote'),
        ),
        migrations.AddField(
            model_name='notification',
            name='context',
            field=models.JSONField(default=dict, help_text='The plain values the email shows, as they were when owed.'),
        ),
        migrations.AddField(
            model_name='notification',
            name='quote',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='quotes.quote'),
        ),
        migrations.AddField(
            model_name='notification',
            name='reply_to',
            field=models.EmailField(blank=True, max_length=254),
        ),
        migrations.AddField(
            model_name='notification',
            name='revision',
            field=models.ForeignKey(blank=True, help_text='The quotation revision whose PDF the email carries.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='quotes.quoterevision'),
        ),
        migrations.AddField(
            model_name='notification',
            name='subject',
            field=models.CharField(blank=True, help_text='As sent.', max_length=300),
        ),
        migrations.AddField(
            model_name='notification',
            name='template',
            field=models.CharField(default='', help_text='For example: emails/quote_sent', max_length=100),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='notification',
            name='consultation_request',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='quotes.consultationrequest'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('clinic_confirmation', 'Confirmation to the clinic'), ('owner_alert', 'New request alert to the owner'), ('quote_sent', 'Quotation to the clinic'), ('quote_accepted', 'Acceptance notice to the owner'), ('quote_declined', 'Decline notice to the owner')], max_length=24),
        ),
        migrations.AlterField(
            model_name='quote',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('expired', 'Expired'), ('withdrawn', 'Withdrawn')], db_index=True, default='draft', max_length=10),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.CheckConstraint(condition=models.Q(('revision__isnull', True), ('quote__isnull', False), _connector='OR'), name='notification_revision_has_quote'),
        ),
    ]
