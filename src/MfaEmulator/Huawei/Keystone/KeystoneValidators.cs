using FluentValidation;

namespace MfaEmulator.Huawei.Keystone;

internal sealed class CreateTokenValidator : AbstractValidator<CreateTokenRequest>
{
    public const int MaxFieldLength = 255;
    private static readonly string[] SupportedMethods = ["password", "totp"];

    public CreateTokenValidator()
    {
        RuleFor(r => r.Body).NotNull().WithMessage("The request body is invalid: 'auth' is a required property.").DependentRules(() =>
        RuleFor(r => r.Body!.Auth).NotNull().WithMessage("Invalid input for field 'auth': 'auth' is a required property.").DependentRules(() =>
        RuleFor(r => r.Body!.Auth!.Identity).NotNull().WithMessage("Invalid input for field 'identity': 'identity' is a required property.").DependentRules(() =>
        {
            RuleFor(r => r.Body!.Auth!.Identity!.Methods)
                .NotEmpty().WithMessage("Invalid input for field 'methods': 'methods' is a required property.")
                .Must(m => m!.All(SupportedMethods.Contains)).WithMessage("Invalid input for field 'methods': the emulator issues tokens for 'password' and 'password' + 'totp'.")
                .Must(m => m!.Contains("password")).WithMessage("Invalid input for field 'methods': 'password' is required ('totp' is an additional factor).");
            RuleFor(r => r.Body!.Auth!.Identity!.Password).NotNull().WithMessage("Invalid input for field 'password': 'password' is a required property.").DependentRules(() =>
            RuleFor(r => r.Body!.Auth!.Identity!.Password!.User).NotNull().WithMessage("Invalid input for field 'user': 'user' is a required property.").DependentRules(() =>
            {
                RuleFor(r => r.Body!.Auth!.Identity!.Password!.User!.Password).NotEmpty().WithMessage("Invalid input for field 'password': 'password' is a required property.")
                    .MaximumLength(MaxFieldLength).WithMessage($"Invalid input for field 'password': at most {MaxFieldLength} characters.");
                RuleFor(r => r.Body!.Auth!.Identity!.Password!.User!).Must(u => !string.IsNullOrEmpty(u.Id) || !string.IsNullOrEmpty(u.Name))
                    .WithMessage("Invalid input for field 'user': give the user's 'id', or its 'name' with its 'domain'.")
                    .Must(u => !string.IsNullOrEmpty(u.Id) || u.Domain is { } d && (!string.IsNullOrEmpty(d.Id) || !string.IsNullOrEmpty(d.Name)))
                    .WithMessage("Invalid input for field 'domain': a user given by name needs its 'domain' ('name' or 'id').");
            }));
            When(r => r.Body!.Auth!.Identity!.Methods?.Contains("totp") == true, () =>
                RuleFor(r => r.Body!.Auth!.Identity!.Totp).NotNull()
                    .WithMessage("Invalid input for field 'totp': 'totp' is a required property when methods include 'totp'.").DependentRules(() =>
                    RuleFor(r => r.Body!.Auth!.Identity!.Totp!.User).NotNull()
                        .WithMessage("Invalid input for field 'totp.user': 'user' is a required property.").DependentRules(() =>
                        RuleFor(r => r.Body!.Auth!.Identity!.Totp!.User!.Passcode).NotEmpty()
                            .WithMessage("Invalid input for field 'passcode': 'passcode' is a required property."))));
        })));
    }
}
