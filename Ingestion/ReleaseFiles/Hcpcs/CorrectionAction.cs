namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>What a line of a CMS corrections document asks for, as far as it can be applied to a release's records.</summary>
public enum CorrectionAction
{
    /// <summary>Anything CMS states in words only ("Change ASC Ind/ASC eff date", "Add Lab Cert code 220"): listed, never applied.</summary>
    Other,

    /// <summary>"Revise Long Desc", "Revise Long & Short Desc", ...: the descriptors the action names take the line's text.</summary>
    Revise,

    /// <summary>"ADD Code": a new code record from the line's fields.</summary>
    Add,

    /// <summary>"DELETE": the code was put in the year's file in error and is taken out of it.</summary>
    Delete,

    /// <summary>"Should not have been updated - revert back to 2017 description": the descriptors of that year's release.</summary>
    Revert,

    /// <summary>"DO NOT ADD - Remove from previous corrections document", "Remove, will be assigned at a later date": an earlier document's addition is withdrawn.</summary>
    Withdraw,
}
