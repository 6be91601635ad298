using HelpdeskBot.Storage;

namespace HelpdeskBot.People;

/// <summary>
/// A person as an import line or an API call describes them. For each field null means "not given: keep what is
/// stored" and an empty string means "clear it"; the ids and the name are never cleared (chat supplies them).
/// </summary>
public sealed record PersonRecord(
    string Email,
    string? Name = null,
    string? Department = null,
    string? Location = null,
    string? ManagerEmail = null,
    string? AadObjectId = null,
    string? TeamsId = null,
    string? Roles = null)
{
    /// <summary>What is wrong with the record, worded for a person fixing a file; empty when it can be stored.</summary>
    public IEnumerable<string> Problems()
    {
        if (PersonEmail.Problem(Email) is { } email)
        {
            yield return email;
        }

        if (!string.IsNullOrWhiteSpace(ManagerEmail) && PersonEmail.Problem(ManagerEmail) is { } manager)
        {
            yield return $"manager_email: {manager}";
        }

        if (Roles is not null && PersonRoles.Problem(Roles) is { } roles)
        {
            yield return roles;
        }

        foreach (var (field, value, max) in new[]
        {
            ("email", Email, PersonEmail.MaxLength), ("manager_email", ManagerEmail, PersonEmail.MaxLength),
            ("name", Name, Person.MaxNameLength), ("department", Department, Person.MaxPlaceLength),
            ("location", Location, Person.MaxPlaceLength), ("aad_object_id", AadObjectId, Person.MaxIdLength),
            ("teams_id", TeamsId, Person.MaxIdLength), ("roles", Roles, Person.MaxRolesLength),
        })
        {
            if (StoredText.Problem(value, field) is { } nul)
            {
                yield return nul;
            }
            else if (value?.Trim().Length > max)
            {
                yield return $"{field} is {value.Trim().Length:N0} characters; the limit is {max}";
            }
        }
    }
}
