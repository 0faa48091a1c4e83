import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

/** The first tenant admin invited with a new tenant. */
export class FirstTenantAdminDto {
  @ApiProperty({ example: 'jonas.weber@nordwerk.example' }) @IsEmail() @MaxLength(320) email!: string;
  @ApiProperty({ example: 'Jonas Weber' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
}

/** POST /v1/tenants body. */
export class CreateTenantDto {
  @ApiProperty({ example: 'nordwerk', description: 'lower-case letters, digits and dashes, 2-63 characters' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
    message: 'slug must be 1-63 lower-case letters, digits or dashes, not starting or ending with a dash',
  })
  slug!: string;

  @ApiProperty({ example: 'Nordwerk Magnetics GmbH' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;

  @ApiPropertyOptional({ type: FirstTenantAdminDto, description: 'invited by email as the first tenant admin' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FirstTenantAdminDto)
  admin?: FirstTenantAdminDto;
}

/** PATCH /v1/tenants/:id body. */
export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Nordwerk Magnetics SE' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({ enum: ['ACTIVE', 'SUSPENDED'] }) @IsOptional() @IsIn(['ACTIVE', 'SUSPENDED']) status?:
    | 'ACTIVE'
    | 'SUSPENDED';
}
