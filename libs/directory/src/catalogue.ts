import { type ServiceDetails } from './directory-events';

/** The Lancashire Learning Excellence family of traded services, as the council's report lists it. */
export const LLE_SERVICES: readonly ServiceDetails[] = [
  {
    serviceId: 'school-improvement',
    name: 'Quality and Continuous Improvement (School Improvement)',
    description: 'Advisers and consultants supporting leadership, teaching and standards',
  },
  {
    serviceId: 'governor-services',
    name: 'Governor Services',
    description: 'Clerking, training and advice for governing bodies',
  },
  {
    serviceId: 'professional-development',
    name: 'Professional Development Service',
    description: 'Courses, conferences and consultancy for school staff',
  },
  {
    serviceId: 'music-service',
    name: 'Music Service',
    description: 'Instrumental tuition, ensembles and music curriculum support',
  },
  {
    serviceId: 'inclusion-and-disability-support',
    name: 'Inclusion and Disability Support Service (traded)',
    description:
      'Specialist teaching and advice for pupils with special educational needs and disabilities',
  },
  {
    serviceId: 'graduate-teacher-programme',
    name: 'Graduate Teacher Programme (School Salaried Direct)',
    description: 'Employment-based initial teacher training',
  },
  {
    serviceId: 'outdoor-education',
    name: 'Outdoor Education Service',
    description: 'Residential and day outdoor learning',
  },
  {
    serviceId: 'teaching-agency',
    name: 'Teaching Agency (supply)',
    description: 'Supply teachers and support staff',
  },
  {
    serviceId: 'schools-hr',
    name: 'Schools HR',
    description: 'HR advice and casework for schools as employers',
  },
];

/** A service's name for people to read; its id when the catalogue has no such service. */
export const serviceNameOf = (serviceId: string): string =>
  LLE_SERVICES.find((service) => service.serviceId === serviceId)?.name ?? serviceId;
