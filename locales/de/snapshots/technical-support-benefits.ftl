### Imported by `tolk import msdocs` from 003_931d5f51464e2acf.txt (de-DE, ms.lasthandoff 05/08/2021, ms.sourcegitcommit 2ad9e61, ms.translationtype MT).
### Source snapshot: the English each translation in ../technical-support-benefits.ftl was made from.
### tolk import owns this file and replaces it on the next import while it is unchanged.
### Curate in another file, or delete these header lines to take it over.
### tolk-import-digest: cb524ef531d19a1cbc395b860a5e909d442f594eec04b256114c0cb883217558

technical-support-benefits--title = Technical Support Benefits
overview--title = Overview
overview--p-1 = This article is for members of Microsoft Partner Network Partners (MPN) who need to know how a technical support incident can be created using MPN Partner benefits
view-and-activate-your-technical-support-benefits--title = View and activate your Technical support benefits
view-and-activate-your-technical-support-benefits--p-1 = To view and activate your technical benefits in Partner Center:
view-and-activate-your-technical-support-benefits--step-1 = Sign in with your MPN associated account into the Partner Center [dashboard](https://partner.microsoft.com/dashboard).
view-and-activate-your-technical-support-benefits--note-1 = If your account is only associated to CSP and not associated to MPN, you will see an error message “You are not authorized for this action". You must have an MPN associated account.
view-and-activate-your-technical-support-benefits--step-2 = Expand Benefits in the left navigation menu, select **Technical benefits**. The Technical benefits page appears with a list of technical support benefits available for your Gold, Silver, or Microsoft Action Pack membership offers.
view-and-activate-your-technical-support-benefits--note-2 = If you have no active membership offers you will see the message “Looks like you don't have any benefits yet”. If your company has active membership offers but you can’t see them, you may have signed in using the wrong account. To check your account, select the **Account** icon in the top right of the page and select **Sign-in with another account** (if required).
view-and-activate-your-technical-support-benefits--step-3 = To get started using a Microsoft Product Support or Signature Product Support, you need to activate the benefit. Access ID and Contract ID will be displayed after successful activation.
view-and-activate-your-technical-support-benefits--item-1 = To activate the benefit, select the Activate button. The user account used for activation requires the Global Admin or MPN Partner Admin roles. Allow a few days to process your activation request.
view-and-activate-your-technical-support-benefits--item-2 = You can use Microsoft Product Support and Signature Product Support (Gold and Silver members) when the Access ID and Contract ID are displayed.
view-and-activate-your-technical-support-benefits--step-4 = You will need the Access ID and Contract ID the first time you use Microsoft Product Support or Signature Product Support.
technical-support-entitlement-and-supported-products--title = Technical Support entitlement and supported products
technical-support-entitlement-and-supported-products--p-1 = Technical support provides troubleshooting for a specific problem, error message, or functionality that isn't working as expected.
technical-support-entitlement-and-supported-products--note-1 = Your Technical support benefits must be activated before you can use them.
technical-support-entitlement-and-supported-products--p-2 = As part of the Microsoft Partner Network membership, partners are eligible for the following technical support
technical-support-entitlement-and-supported-products--cell-1 = Technical Support
technical-support-entitlement-and-supported-products--cell-2 = Action Pack
technical-support-entitlement-and-supported-products--cell-3 = Silver competency
technical-support-entitlement-and-supported-products--cell-4 = Gold competency
technical-support-entitlement-and-supported-products--cell-5 = Microsoft Product Support<br>For recent On-Premise <br>products only
technical-support-entitlement-and-supported-products--cell-6 = 10 Incidents
technical-support-entitlement-and-supported-products--cell-7 = 15 Incidents
technical-support-entitlement-and-supported-products--cell-8 = 20 Incidents
technical-support-entitlement-and-supported-products--cell-9 = Signature Cloud Support<br>For Cloud products only
technical-support-entitlement-and-supported-products--cell-10 = Cloud Competencies:<br>Unlimited<br><br>Other competencies:<br>5 Incidents
technical-support-entitlement-and-supported-products--cell-11 = Cloud Competencies:<br>Unlimited<br> <br>Other competencies:<br>10 Incidents
technical-support-entitlement-and-supported-products--p-3 = \*Cloud competencies include: Security Competency, Cloud Business Applications, Cloud Platform, Cloud Productivity, Enterprise Mobility Management, Small and Midmarket Cloud Solutions.
microsoft-product-support-on-premises--title = Microsoft Product Support (On-premises)
microsoft-product-support-on-premises--p-1 = You can use **Microsoft Product Support** for technical support on recent On-Premises products.
microsoft-product-support-on-premises--p-2 = You will need the Access ID and Contract ID the first time you use the benefit. The benefits are associated to your user account until they expire or there are no more support incidents remaining.
microsoft-product-support-on-premises--p-3 = Any user account (AAD or MSA) can use technical support for On-Premise products if they have the Access ID and Contract ID
microsoft-product-support-on-premises--p-4 = Select [Support for Business](https://support.serviceshub.microsoft.com/supportforbusiness/create) to create a support request for an On-Premise product.
how-many-partner-support-incidents-are-remaining--title = How many Partner support incidents are remaining
how-many-partner-support-incidents-are-remaining--p-1 = You can only get this information from the Support for Business on-premises support portal. Unfortunately, the Cloud portals eg Azure, LCS etc do not show this information.
how-many-partner-support-incidents-are-remaining--p-2 = You need to use Support for Business and start the process to create an on-premises support incident. We do not create a support request because we do not complete the process. The information we need is displayed at Step 2.
how-many-partner-support-incidents-are-remaining--step-1 = Step 1 Open [Support for Business](https://support.serviceshub.microsoft.com/supportforbusiness/create) and select windows 10 and enter dummy information
how-many-partner-support-incidents-are-remaining--step-2 = Step 2 If your support contract is already associated to your account, you should see support incidents displayed. For on-premises support you should see the Partner Support contract displayed (unless it is no longer valid) and this includes the start date, end date and incidents remaining. If you need to associate your support contract expand "Do you need to purchase or add more support plans" and click the add Contract button to enter your Access ID and Contract ID. Expand the “Would you like to see unavailable support plans ?” section to see Partner Signature information. You will only see Partner Support displayed here if the contracts have expired, you have no incidents remaining or you selected an old on-premise product (see [aka.ms/n-1](https://aka.ms/n-1) for support products)
how-many-partner-support-incidents-are-remaining--p-3 = **For more detailed information see [How many Partner support incidents are remaining?](https://support.microsoft.com/topic/how-many-partner-support-incidents-are-remaining-e8220db5-14f6-93db-4b4a-35766e11b3c3)**
signature-cloud-support-cloud-only--title = Signature Cloud Support (cloud only)
signature-cloud-support-cloud-only--p-1 = Gold or Silver competency partners can use **Signature Cloud Support** for technical support on cloud products.
signature-cloud-support-cloud-only--p-2 = You will need the Access ID and Contract ID the first time you use the benefit. The benefits are associated to your user account until they expire or there are no more support incidents remaining.
signature-cloud-support-cloud-only--p-3 = CSP partners creating Azure requests may use the “Cloud Solution Provider” support plan without adding a support contract.
signature-cloud-support-cloud-only--p-4 = Users with **Admin Agent** role can select [Customers](https://partner.microsoft.com/commerce/customers/list) under CSP in the left navigation menu, select **Service Management**, and select **New request**. When you select the relevant workload, the workload-specific portal will be opened, and you add a support contract and create a request.
azure-portal-error-access-id-is-already-associated---title = Azure portal error “Access ID is already associated …”
azure-portal-error-access-id-is-already-associated---p-1 = When you use the Azure portal, you use Signature Cloud Support by selecting Help + Support, Support Plans, then “Link support benefits” and enter the Access ID and Contract ID.
azure-portal-error-access-id-is-already-associated---note-1 = If you have Microsoft Action Pack you do not get Cloud support because it does not include Signature Cloud Support - only Microsoft Product Support (On-premises)
azure-portal-error-access-id-is-already-associated---p-2 = You may see the error message *“This Access ID is already associated to an account. Please contact your Technical Account Manager to obtain a new Access ID”*. **This error message is invalid and should be ignored!** We have requested for the error to be disabled and replaced with a useful diagnostic error message.
azure-portal-error-access-id-is-already-associated---p-3 = You will see the above “Access ID is already associated …” error if you associate a support contract to an account more than once when using the Azure portal. See the scenarios below:
azure-portal-error-access-id-is-already-associated---step-1 = If you have gold or silver technical benefits and have previously added the contract for on-premises support, then you use the Azure portal and add the contract a second time to the same account. You only need to associate the support contract to an account once and therefore you do not need to Link support benefits in Azure. If you use Link support benefits when the contract is already associated to the account you will see the error and it should be ignored. Use + New Support request and create a support incident as normal and the Support plan will be displayed.
azure-portal-error-access-id-is-already-associated---step-2 = If the support contract has expired or the Signature 10pack (Gold hybrid competency) or Signature 5pack (Silver hybrid competency) have no incidents remaining the support contract will be hidden because it is invalid. If you Link support benefits again, you will see the error because the contract is already associated. You need to purchase a new support plan to get Azure support incidents.
azure-portal-error-access-id-is-already-associated---p-4 = See Partner Support Plans below for Partner paid support offerings
partner-support-plans--title = Partner Support Plans
partner-support-plans--p-1 = You can get paid support from Microsoft that includes technical support and a range of extra service options.
partner-support-plans--p-2 = You can [compare partner support plans](https://partner.microsoft.com/support/partnersupport) or see below for partner-specific plans:
partner-support-plans--item-1 = [Premier Support for Partners](https://partner.microsoft.com/support/microsoft-services-premier-support) - the top level of technical support from Microsoft
partner-support-plans--item-2 = [Advanced Support for Partners](https://partner.microsoft.com/support/advanced-cloud-support) - Cloud Products only
next-steps--title = Next steps
next-steps--item-1 = [Manage your Microsoft Partner Network benefits and offers](manage-your-partner-network-benefits.md)
next-steps--item-2 = [Activate technical benefits for members of Partner Membership Center (PMC)](partner-membership-center-tech-benefits-activate.md)
