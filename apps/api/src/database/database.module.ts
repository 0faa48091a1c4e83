import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { openDatabase } from './connection.js';
import { DATABASE_CONNECTION, PrismaService } from './prisma.service.js';
import { seedReference } from './reference-seed.js';
import { TransactionRunner } from './transaction-runner.js';

/**
 * Opens the database from DATABASE_URL, applies pending migrations when configured (always for the embedded PGlite
 * default), seeds reference data, and provides {@link PrismaService} and the {@link TransactionRunner} (the one place
 * that opens transactions).
 */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const logger = new Logger('Database');
        const connection = await openDatabase(config.database);
        try {
          if (config.migrateOnBoot) {
            const report = await connection.migrate();
            if (report.applied.length) logger.log(`applied migrations: ${report.applied.join(', ')}`);
          }
          await seedReference(connection.prisma);
        } catch (error) {
          await connection.close();
          throw error;
        }
        return connection;
      },
    },
    PrismaService,
    TransactionRunner,
  ],
  exports: [PrismaService, TransactionRunner],
})
export class DatabaseModule {}
