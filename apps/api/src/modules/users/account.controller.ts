import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { TokenPairDto } from '../auth/dto/auth.dto.js';
import { PasswordResetRequestDto, SetPasswordDto } from './users.dto.js';
import { AcceptedDto } from './users.responses.js';
import { UsersService } from './users.service.js';

/** The emailed one-time links: accepting an invitation and resetting a password. Public: the link is the credential. */
@ApiTags('auth')
@Public()
@Controller('v1/auth')
export class AccountController {
  constructor(private readonly users: UsersService) {}

  /** POST /v1/auth/invitations/accept `{ token, password }` → 200 a token pair (signed in). 410 for a used/expired link. */
  @Post('invitations/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Accept an invitation: choose a password and sign in' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiGoneResponse({ description: 'Unknown, used or expired link' })
  accept(@Body() dto: SetPasswordDto) {
    return this.users.acceptInvitation(dto.token, dto.password);
  }

  /** POST /v1/auth/password-reset `{ email }` → 202 whether or not the email exists; a reset link is emailed if it does. */
  @Post('password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Email a password-reset link' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  async requestReset(@Body() dto: PasswordResetRequestDto): Promise<{ accepted: true }> {
    await this.users.requestPasswordReset(dto.email);
    return { accepted: true };
  }

  /** POST /v1/auth/password-reset/confirm `{ token, password }` → 204; every session of the user is revoked. 410 for a used/expired link. */
  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password from a reset link' })
  @ApiNoContentResponse({ description: 'Password set; every session of the user revoked' })
  @ApiGoneResponse({ description: 'Unknown, used or expired link' })
  async confirmReset(@Body() dto: SetPasswordDto): Promise<void> {
    await this.users.confirmPasswordReset(dto.token, dto.password);
  }
}
