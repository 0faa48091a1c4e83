import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { InvitationDto, UserDto } from './users.responses.js';
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { InviteUserDto, UpdateUserDto } from './users.dto.js';
import { UsersService } from './users.service.js';

/** A tenant's people (tenant admins; platform admins with X-Tenant-Id). */
@ApiTags('users')
@ApiBearerAuth()
@Roles('TENANT_ADMIN')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** GET /v1/users → `[{ id, tenantId, email, name, role, timeZone, active, lastLoginAt, createdAt, updatedAt }]`. */
  @Get()
  @ApiOperation({ summary: "List the tenant's users" })
  @ApiOkResponse({ type: [UserDto] })
  list(@TenantId() tenantId: string) {
    return this.users.list(tenantId);
  }

  /**
   * POST /v1/users/invitations `{ email, name, role: TENANT_ADMIN|BUYER }` → 201 `{ user, invitationExpiresAt }`; the
   * invitee gets an email with a one-time link. 409 (field `email`) when the email is already a user of this tenant.
   * An address of another tenant's account gets the same 201 as a fresh invitation, but no user and no email (see
   * docs/security-defaults.md).
   */
  @Post('invitations')
  @ApiOperation({ summary: 'Invite a person (email with a one-time link)' })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiErrors({ status: 409, description: 'A user with this email exists (field `email`)' })
  invite(@CurrentPrincipal() principal: Principal, @TenantId() tenantId: string, @Body() dto: InviteUserDto) {
    return this.users.invite(principal, tenantId, dto);
  }

  /**
   * POST /v1/users/:id/invitation → 201 `{ user, invitationExpiresAt }`: re-sends the invitation of a user who has not
   * accepted yet (e.g. the link expired); earlier links stop working; audited as `user.invite.resend`. 404 for a user
   * of another tenant; 409 (field `id`) when the user already accepted or is deactivated.
   */
  @Post(':id/invitation')
  @ApiOperation({ summary: 'Re-send an invitation (new one-time link; earlier links stop working)' })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiErrors(404, { status: 409, description: 'The user already accepted or is deactivated (field `id`)' })
  resendInvitation(
    @CurrentPrincipal() principal: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.users.resendInvitation(principal, tenantId, id);
  }

  /**
   * PATCH /v1/users/:id `{ role?, name?, active? }` → 200 the user. `active: false` deactivates (sessions revoked).
   * 404 for a user of another tenant; 400 when it would leave the tenant without an active tenant admin.
   */
  @Patch(':id')
  @ApiOperation({ summary: 'Change role, name, or deactivate/reactivate a user' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404)
  update(
    @CurrentPrincipal() principal: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ) {
    return this.users.update(principal, tenantId, id, dto);
  }

  /** POST /v1/users/:id/deactivate → 200 the user (inactive, sessions revoked). */
  @Post(':id/deactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Deactivate a user' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404)
  deactivate(
    @CurrentPrincipal() principal: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.users.update(principal, tenantId, id, { active: false });
  }
}
