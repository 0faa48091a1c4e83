import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** POST /v1/auth/login body. */
export class LoginDto {
  @ApiProperty({ example: 'admin@example.com' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

/** POST /v1/auth/refresh body. */
export class RefreshDto {
  @ApiPropertyOptional({
    example: 'lsr_…',
    description: 'Required unless sent as the lodestone_refresh cookie with the header X-Refresh-Transport: cookie',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

/** Tokens returned by login and refresh. Instants are ISO-8601 UTC. */
export class TokenPairDto {
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Send as Authorization: Bearer <accessToken>; short-lived' }) accessToken!: string;
  @ApiProperty({ example: '2026-11-29T22:15:00.000Z' }) accessTokenExpiresAt!: string;
  @ApiProperty({ description: 'Exchange at POST /v1/auth/refresh; single use' }) refreshToken!: string;
  @ApiProperty({ example: '2026-12-29T22:00:00.000Z' }) refreshTokenExpiresAt!: string;
}
