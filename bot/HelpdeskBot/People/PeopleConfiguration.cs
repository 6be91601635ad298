using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.People;

/// <summary>The People table, configured from <see cref="Storage.HelpdeskDbContext.OnModelCreating"/>.</summary>
public static class PeopleConfiguration
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Person>(person =>
    {
        person.ToTable("People");
        person.Property(p => p.TeamsId).HasMaxLength(Person.MaxIdLength);
        person.Property(p => p.AadObjectId).HasMaxLength(Person.MaxIdLength);
        person.Property(p => p.Name).HasMaxLength(Person.MaxNameLength);
        person.Property(p => p.Email).HasMaxLength(PersonEmail.MaxLength);
        person.Property(p => p.Department).HasMaxLength(Person.MaxPlaceLength);
        person.Property(p => p.Location).HasMaxLength(Person.MaxPlaceLength);
        person.Property(p => p.ManagerEmail).HasMaxLength(PersonEmail.MaxLength);
        person.Property(p => p.Roles).HasMaxLength(Person.MaxRolesLength);
        person.Property(p => p.Source).HasMaxLength(16)
            .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<PersonSource>(s, true));
        // SQLite and PostgreSQL let many rows hold NULL under a unique index: a person may lack any of these.
        person.HasIndex(p => p.TeamsId).IsUnique();
        person.HasIndex(p => p.AadObjectId).IsUnique();
        person.HasIndex(p => p.Email).IsUnique();
        person.HasIndex(p => p.Department);
        person.HasOne<Person>().WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.SetNull);
    });
}
