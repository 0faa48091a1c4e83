import { Module } from '@nestjs/common';
import { SourcesRepository } from './sources.repository.js';

/**
 * The sources' run records (Source, SourcePayload) for the modules that read them, e.g. the digest's "Sources"
 * section. Apart from SourcesModule, which imports EventsModule and so cannot be imported back by what ingestion uses.
 */
@Module({ providers: [SourcesRepository], exports: [SourcesRepository] })
export class SourceRecordsModule {}
