"""An organisation's own documents (statutes, registration, audited accounts ...)."""

import django.db.models.deletion
import hamwe.partners.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0005_search_folded'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('statutes', 'Statutes'), ('registration', 'Registration certificate'), ('audited_accounts', 'Audited accounts'), ('annual_report', 'Annual report'), ('other', 'Other document')], max_length=20, verbose_name='type')),
                ('dated', models.DateField(verbose_name='date of the document')),
                ('expires_on', models.DateField(blank=True, null=True, verbose_name='expires on')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('file', models.TextField(max_length=200, verbose_name='file')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='added')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.organisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'historical document',
                'verbose_name_plural': 'historical documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('statutes', 'Statutes'), ('registration', 'Registration certificate'), ('audited_accounts', 'Audited accounts'), ('annual_report', 'Annual report'), ('other', 'Other document')], max_length=20, verbose_name='type')),
                ('dated', models.DateField(verbose_name='date of the document')),
                ('expires_on', models.DateField(blank=True, null=True, verbose_name='expires on')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('file', models.FileField(max_length=200, upload_to=hamwe.partners.models._document_path, verbose_name='file')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='added')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='partners.organisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'document',
                'verbose_name_plural': 'documents',
                'ordering': ['kind', '-dated', '-pk'],
                'indexes': [models.Index(fields=['expires_on'], name='partners_do_expires_3ce7b9_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('expires_on__isnull', True), ('expires_on__gte', models.F('dated')), _connector='OR'), name='document_expires_after_its_date', violation_error_message='A document cannot expire before its date.')],
            },
        ),
    ]
